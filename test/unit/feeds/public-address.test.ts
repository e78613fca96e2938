// The guard against server-side request forgery: which URLs and resolved addresses the registry may request.
import { describe, expect, it } from 'vitest';
import { isPrivateAddress, mayConnectTo, refusalOf } from '../../../functions/http/public-address.ts';

const inAws = { allowLoopback: false };
const locally = { allowLoopback: true };

describe('the address guard', () => {
  it.each([
    '127.0.0.1', '127.3.4.5', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0',
    '::1', '::', 'fd00:ec2::254', 'fc00::1', 'fe80::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:10.0.0.1', '::ffff:169.254.169.254', '64:ff9b::a00:1', '224.0.0.1',
  ])('counts %s as private', (address) => {
    // Act & Assert
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700::1111', '::ffff:8.8.8.8'])('counts %s as public', (address) => {
    // Act & Assert
    expect(isPrivateAddress(address)).toBe(false);
  });

  it('lets loopback through only where the runtime allows it, and never the rest of the private ranges', () => {
    // Act & Assert
    expect(mayConnectTo('127.0.0.1', inAws)).toBe(false);
    expect(mayConnectTo('127.0.0.1', locally)).toBe(true);
    expect(mayConnectTo('::1', locally)).toBe(true);
    expect(mayConnectTo('10.0.0.1', locally)).toBe(false);
    expect(mayConnectTo('169.254.169.254', locally)).toBe(false);
    expect(mayConnectTo('::ffff:169.254.169.254', locally)).toBe(false);
  });

  it('refuses other schemes, credentials and private hosts by name or literal address, in any spelling', () => {
    // Arrange
    const refused = (url: string, policy = inAws) => refusalOf(new URL(url), policy);

    // Act & Assert
    expect(refused('ftp://example.org/feed')).toBe('must start with http:// or https://');
    expect(refused('file:///etc/passwd')).toBe('must start with http:// or https://');
    expect(refused('https://user:secret@example.org/feed')).toBe('must not carry a user name or password');
    for (const url of ['http://localhost/', 'http://feeds.localhost/', 'http://metadata.google.internal/', 'http://printer.local/', 'http://127.0.0.1:3000/', 'http://2130706433/', 'http://0x7f.1/', 'http://[::1]/', 'http://[::ffff:127.0.0.1]/', 'http://169.254.169.254/latest/meta-data/', 'http://[fd00:ec2::254]/']) {
      expect(refused(url), url).toBe('names a private, loopback, link-local or metadata address');
    }
    expect(refused('http://127.0.0.1:3000/feed.xml', locally)).toBeUndefined();
    expect(refused('http://10.0.0.5/feed.xml', locally)).toBe('names a private, loopback, link-local or metadata address');
    expect(refused('https://auctions.example.org/feed.xml')).toBeUndefined();
  });
});
