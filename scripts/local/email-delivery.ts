// SNS's email protocol, locally: fauxqs takes email subscriptions but delivers to SQS only, so each publish on the
// alerts topic is written, per matching email subscription, as an .eml file under <dataDir>/mail/ for a person to open.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GetSubscriptionAttributesCommand, ListSubscriptionsByTopicCommand, SNSClient, type Subscription } from '@aws-sdk/client-sns';
import type { FauxqsServer, SnsSpyMessage, SpyMessage } from 'fauxqs';

type Attributes = SnsSpyMessage['messageAttributes'];
interface FauxqsFilter {
  matchesFilterPolicy(policy: Record<string, unknown>, attributes: Attributes): boolean;
  matchesFilterPolicyOnBody(policy: Record<string, unknown>, body: string): boolean;
}
// fauxqs's exports map does not expose its filter-policy matcher, so load the file itself: emails and SQS fan-out then filter alike.
const filter = (await import(new URL('./sns/filter.js', import.meta.resolve('fauxqs')).href)) as FauxqsFilter;

const from = 'alerts@registry.local';
const defaultSubject = 'AWS Notification Message';
// SNS's own limit on a subject.
const subjectMaxChars = 100;

/** Whether a subscription's filter policy lets the message through, as SNS decides (a policy that is not JSON fails open, as in fauxqs). */
export function passesFilterPolicy(attributes: Record<string, string | undefined>, message: Pick<SnsSpyMessage, 'body' | 'messageAttributes'>): boolean {
  if (!attributes.FilterPolicy) return true;
  let policy: Record<string, unknown>;
  try {
    policy = JSON.parse(attributes.FilterPolicy) as Record<string, unknown>;
  } catch {
    return true;
  }
  return attributes.FilterPolicyScope === 'MessageBody'
    ? filter.matchesFilterPolicyOnBody(policy, message.body)
    : filter.matchesFilterPolicy(policy, message.messageAttributes);
}

export function subjectOf(body: string): string {
  let summary: unknown;
  try {
    summary = (JSON.parse(body) as { summary?: unknown } | null)?.summary;
  } catch {
    summary = undefined;
  }
  const text = typeof summary === 'string' ? summary.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim() : '';
  return text ? [...text].slice(0, subjectMaxChars).join('') : defaultSubject;
}

/**
 * A header value with its non-ASCII words as RFC 2047 encoded words (RFC 5322 headers are ASCII), so that clients
 * show it as written and its ASCII words stay readable in the file. Lines are folded to RFC 2047's 76 characters;
 * `column` is where the value starts (after "Subject: "). Decoders join adjacent encoded words without the folding.
 */
export function encodeHeader(value: string, column = 0): string {
  const lineMax = 76;
  const overhead = '=?UTF-8?B??='.length;
  const ascii = (text: string) => /^[\x20-\x7e]*$/.test(text);
  if (ascii(value)) return value;
  let out = '';
  let col = column;
  let started = false;
  // Each token goes after a space, or on a folded line when it would pass the limit.
  const emit = (token: string) => {
    if (!started) {
      out = token;
      col += token.length;
      started = true;
    } else if (col + 1 + token.length > lineMax) {
      out += `\r\n ${token}`;
      col = 1 + token.length;
    } else {
      out += ` ${token}`;
      col += 1 + token.length;
    }
  };
  const emitEncoded = (text: string) => {
    const chars = [...text];
    while (chars.length > 0) {
      // As many whole characters as fit on this line, or on a fresh one when little room is left.
      const room = lineMax - col - (started ? 1 : 0) - overhead;
      const bytes = Math.floor((room >= 8 ? room : lineMax - 1 - overhead) / 4) * 3;
      let word = chars.shift() ?? '';
      while (chars.length > 0 && Buffer.byteLength(word + chars[0]) <= bytes) word += chars.shift();
      emit(`=?UTF-8?B?${Buffer.from(word).toString('base64')}?=`);
    }
  };
  let run: string[] = [];
  for (const word of value.split(' ')) {
    if (ascii(word)) {
      if (run.length > 0) emitEncoded(run.join(' '));
      run = [];
      emit(word);
    } else {
      run.push(word);
    }
  }
  if (run.length > 0) emitEncoded(run.join(' '));
  return out;
}

export function emailOf(message: Pick<SnsSpyMessage, 'messageId' | 'body' | 'topicArn'>, to: string, subscriptionArn: string, date: Date): string {
  const headers = [
    `From: ${from}`,
    `To: ${to}`,
    `Subject: ${encodeHeader(subjectOf(message.body), 'Subject: '.length)}`,
    `Date: ${date.toUTCString().replace(/GMT$/, '+0000')}`,
    `Message-ID: <${message.messageId}.${subscriptionArn.split(':').at(-1) ?? 'local'}@registry.local>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    `X-Amz-Sns-Message-Id: ${message.messageId}`,
    `X-Amz-Sns-Topic-Arn: ${message.topicArn}`,
    `X-Amz-Sns-Subscription-Arn: ${subscriptionArn}`,
  ];
  return `${headers.join('\r\n')}\r\n\r\n${message.body.replace(/\r?\n/g, '\r\n')}\r\n`;
}

export function deliverEmails(options: { fauxqs: FauxqsServer; topicArn: string; endpoint: string; dataDir: string; log: (line: string) => void }) {
  const sns = new SNSClient({ endpoint: options.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const mailDir = join(options.dataDir, 'mail');
  const startedAt = Date.now();
  // The spy keeps every event for every listener (the S3 notifications read it too): mark what was sent, take nothing.
  const sent = new WeakSet<SpyMessage>();
  const inFlight = new Set<Promise<void>>();
  let running = true;
  let wake: () => void = () => undefined;
  const stopped = new Promise<undefined>((resolve) => (wake = () => resolve(undefined)));

  const isPublish = (message: SpyMessage): message is SnsSpyMessage =>
    message.service === 'sns' && message.status === 'published' && message.topicArn === options.topicArn && message.timestamp >= startedAt && !sent.has(message);

  async function emailSubscriptions(): Promise<Subscription[]> {
    const found: Subscription[] = [];
    let token: string | undefined;
    do {
      const page = await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: options.topicArn, NextToken: token }));
      found.push(...(page.Subscriptions ?? []).filter((subscription) => subscription.Protocol === 'email'));
      token = page.NextToken;
    } while (token);
    return found;
  }

  async function deliver(message: SnsSpyMessage) {
    // fauxqs leaves email subscriptions pending confirmation forever (no mail, no confirmation link); locally every one
    // counts as confirmed, as if its owner had clicked the link.
    for (const subscription of await emailSubscriptions()) {
      const arn = subscription.SubscriptionArn ?? '';
      const { Attributes: attributes = {} } = await sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: arn }));
      if (!passesFilterPolicy(attributes, message)) continue;
      const to = subscription.Endpoint ?? '';
      const date = new Date();
      const name = `${date.toISOString().replaceAll(':', '-')}-${message.messageId}-${to.replace(/[^\w@.+-]/g, '_')}.eml`;
      // Written whole, then renamed, so whoever watches the folder never opens half a message.
      await writeFile(join(mailDir, `.${name}.tmp`), emailOf(message, to, arn, date));
      await rename(join(mailDir, `.${name}.tmp`), join(mailDir, name));
    }
  }

  const loop = (async () => {
    await mkdir(mailDir, { recursive: true });
    while (running) {
      const waiting = options.fauxqs.spy.waitForMessage((message) => isPublish(message), 'published');
      waiting.catch(() => undefined); // a wait still pending at stop is rejected when the spy is cleared
      let message: SpyMessage | undefined;
      try {
        message = await Promise.race([waiting, stopped]);
      } catch {
        continue; // another listener cleared the spy (the S3 notifications do when stopping): wait again
      }
      if (!message || !isPublish(message)) continue;
      sent.add(message);
      const published = message;
      const task = deliver(published).catch((error: unknown) => options.log(`writing the email for ${published.messageId} failed: ${String(error)}`));
      inFlight.add(task);
      void task.finally(() => inFlight.delete(task));
    }
  })();

  return {
    /** Stops listening, then waits for the emails being written. */
    async stop() {
      running = false;
      wake();
      await loop;
      await Promise.allSettled([...inFlight]);
      sns.destroy();
    },
  };
}
