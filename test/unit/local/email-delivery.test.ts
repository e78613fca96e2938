import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTopicCommand, PublishCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { startFauxqs, type FauxqsServer } from 'fauxqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverEmails, encodeHeader, subjectOf } from '../../../scripts/local/email-delivery.ts';
import { freePort } from '../../support/local-stack.ts';

let fauxqs: FauxqsServer;
let sns: SNSClient;
let endpoint: string;

beforeAll(async () => {
  fauxqs = await startFauxqs({ port: await freePort(), host: '127.0.0.1', logger: false, messageSpies: { bufferSize: 1000 } });
  endpoint = `http://127.0.0.1:${fauxqs.port}`;
  sns = new SNSClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
});

afterAll(async () => {
  sns.destroy();
  await fauxqs.stop();
});

async function mailOf(dataDir: string, count: number): Promise<{ name: string; text: string }[]> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const names = (await readdir(join(dataDir, 'mail')).catch(() => [] as string[])).filter((name) => name.endsWith('.eml')).sort();
    if (names.length >= count || Date.now() > deadline) {
      return Promise.all(names.map(async (name) => ({ name, text: await readFile(join(dataDir, 'mail', name), 'utf8') })));
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const publish = (topicArn: string, kind: string, body: unknown) =>
  sns.send(new PublishCommand({ TopicArn: topicArn, Message: JSON.stringify(body), MessageAttributes: { kind: { DataType: 'String', StringValue: kind } } }));

describe('the local email delivery of the alerts topic', () => {
  it('writes one .eml per email subscription whose filter policy matches, and none for the others', async () => {
    // Arrange
    const dataDir = await mkdtemp(join(tmpdir(), 'mail-test-'));
    const { TopicArn: topicArn = '' } = await sns.send(new CreateTopicCommand({ Name: 'registry-alerts-mail-test' }));
    await sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'email', Endpoint: 'matches@museum.example', Attributes: { FilterPolicy: JSON.stringify({ kind: ['match'] }) } }));
    await sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'email', Endpoint: 'everything@museum.example' }));
    const emails = deliverEmails({ fauxqs, topicArn, endpoint, dataDir, log: () => undefined });
    try {
      // Act
      const match = await publish(topicArn, 'match', { summary: 'Possible match: Λήκυθος of Corfu seen at an auction', objectId: 'o1' });
      await publish(topicArn, 'status', { summary: 'Status changed' });
      // Assert
      await mailOf(dataDir, 3);
      await new Promise((resolve) => setTimeout(resolve, 300)); // room for a wrongly delivered fourth
      const mail = await mailOf(dataDir, 0);
      expect(mail.map((message) => message.name.replace(/^.*?-[0-9a-f-]{36}-/, ''))).toEqual(
        expect.arrayContaining(['matches@museum.example.eml', 'everything@museum.example.eml', 'everything@museum.example.eml']),
      );
      expect(mail).toHaveLength(3);
      const toMatches = mail.filter((message) => message.name.endsWith('-matches@museum.example.eml'));
      expect(toMatches).toHaveLength(1);
      const [head, body] = toMatches[0]?.text.split('\r\n\r\n') ?? [];
      expect(head).toContain('From: alerts@registry.local\r\n');
      expect(head).toContain('To: matches@museum.example\r\n');
      expect(head).toContain(`Message-ID: <${match.MessageId}.`);
      expect(head).toMatch(/\r\nDate: \w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0000\r\n/);
      expect(head).toContain('Content-Type: text/plain; charset=utf-8');
      expect(head).toContain('Content-Transfer-Encoding: 8bit');
      expect(head).toMatch(/^Subject: Possible match: =\?UTF-8\?B\?/m);
      expect(head).toMatch(/^[\x20-\x7e\r\n]*$/); // RFC 5322 headers are ASCII
      const subject = /Subject: ((?:.|\r\n )*)/.exec(head ?? '')?.[1] ?? '';
      const decoded = subject
        .replace(/\?=\s+=\?/g, '?==?')
        .replace(/=\?UTF-8\?B\?([^?]*)\?=/g, (_word, text: string) => Buffer.from(text, 'base64').toString('utf8'))
        .replace(/\r\n /g, ' ');
      expect(decoded).toBe('Possible match: Λήκυθος of Corfu seen at an auction');
      expect(JSON.parse(body ?? '')).toMatchObject({ objectId: 'o1' });
    } finally {
      await emails.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('keeps delivering after another listener clears the spy, and leaves the events for other listeners', async () => {
    // Arrange
    const dataDir = await mkdtemp(join(tmpdir(), 'mail-test-'));
    const { TopicArn: topicArn = '' } = await sns.send(new CreateTopicCommand({ Name: 'registry-alerts-clear-test' }));
    await sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'email', Endpoint: 'desk@police.example' }));
    const emails = deliverEmails({ fauxqs, topicArn, endpoint, dataDir, log: () => undefined });
    try {
      const other = fauxqs.spy.waitForMessage({ service: 's3' }); // as the S3 notifications wait
      // Act
      fauxqs.spy.clear();
      await other.catch(() => undefined);
      const published = await publish(topicArn, 'match', { summary: 'After the clear' });
      // Assert
      const mail = await mailOf(dataDir, 1);
      expect(mail).toHaveLength(1);
      expect(mail[0]?.text).toContain('Subject: After the clear\r\n');
      expect(fauxqs.spy.checkForMessage({ service: 'sns', messageId: published.MessageId })).toBeDefined();
    } finally {
      await emails.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('encodes only the non-ASCII words of a subject, keeping lines within the 76 characters of RFC 2047', () => {
    // Act
    const header = encodeHeader(`New stolen object: '${'Εικόνα του Αγίου Νικολάου '.repeat(3).trim()}' (icon, GR, stolen)`, 'Subject: '.length);
    // Assert
    expect(header.startsWith('New stolen object: =?UTF-8?B?')).toBe(true);
    expect(header.endsWith(' (icon, GR, stolen)')).toBe(true);
    for (const line of `Subject: ${header}`.split('\r\n')) expect(line.length).toBeLessThanOrEqual(76);
    const decoded = header
      .replace(/\?=\s+=\?/g, '?==?')
      .replace(/=\?UTF-8\?B\?([^?]*)\?=/g, (_word, text: string) => Buffer.from(text, 'base64').toString('utf8'))
      .replace(/\r\n /g, ' ');
    expect(decoded).toBe(`New stolen object: '${'Εικόνα του Αγίου Νικολάου '.repeat(3).trim()}' (icon, GR, stolen)`);
  });

  it('takes the subject from the JSON summary cut to 100 characters, else the SNS default', () => {
    // Assert
    expect(subjectOf(JSON.stringify({ summary: 'x'.repeat(150) }))).toBe('x'.repeat(100));
    expect(subjectOf('plain text alert')).toBe('AWS Notification Message');
    expect(subjectOf(JSON.stringify({ summary: 'two\r\nlines' }))).toBe('two lines');
  });
});
