// Where the registry's own requests (webhooks, market feeds, lot images) may go: public addresses only, so that a URL
// a partner gives can never aim our functions at themselves, a private network or the instance metadata service.
import { BlockList, isIP } from 'node:net';

const notPublic = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, with the metadata service at 169.254.169.254
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved and broadcast
] as const) notPublic.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 96], // unspecified, loopback and the old IPv4-compatible form
  ['64:ff9b::', 96], // NAT64: would reach IPv4 addresses through a translator
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7], // unique-local, with the metadata service at fd00:ec2::254
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const) notPublic.addSubnet(network, prefix, 'ipv6');
// IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) are checked by BlockList against the IPv4 ranges above.

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

const bare = (host: string) => host.replace(/^\[|\]$/g, '');
const familyOf = (address: string) => (isIP(address) === 6 ? 'ipv6' : 'ipv4');

/** An address this machine or its network answers on (or one a translator would lead there). */
export function isPrivateAddress(address: string): boolean {
  const ip = bare(address);
  if (isIP(ip) === 0) return false;
  return notPublic.check(ip, familyOf(ip));
}

export function isLoopbackAddress(address: string): boolean {
  const ip = bare(address);
  return isIP(ip) !== 0 && loopback.check(ip, familyOf(ip));
}

/** A host name of a URL (as `new URL` gives it) that names this machine. */
export const isLoopbackHost = (host: string): boolean => host === 'localhost' || isLoopbackAddress(host);

/** Names and literal addresses that lead to this machine or a private network, before any DNS lookup. */
export function isPrivateHost(host: string): boolean {
  const name = host.toLowerCase();
  if (name === 'localhost' || name.endsWith('.localhost') || name.endsWith('.internal') || name.endsWith('.local')) return true;
  return isPrivateAddress(name);
}

/** Whether a resolved address may be connected to; loopback only where the runtime allows it (locally). */
export const mayConnectTo = (address: string, options: { allowLoopback: boolean }): boolean =>
  !isPrivateAddress(address) || (options.allowLoopback && isLoopbackAddress(address));

/**
 * Why the registry must not request `url`, read before any lookup (the addresses it resolves to are checked when
 * connecting); undefined when it may. http and https only, no credentials, no private host.
 */
export function refusalOf(url: URL, options: { allowLoopback: boolean }): string | undefined {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must start with http:// or https://';
  if (url.username || url.password) return 'must not carry a user name or password';
  if (options.allowLoopback && isLoopbackHost(url.hostname)) return undefined;
  if (isPrivateHost(url.hostname)) return 'names a private, loopback, link-local or metadata address';
  return undefined;
}
