import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import sesServer from 'aws-ses-v2-local';
import { clearStore, getStoreReadonly } from 'aws-ses-v2-local/dist/store';
import { z } from 'zod';
import { close, listen } from './net';

/**
 * The local SES API. aws-ses-v2-local answers the SES API and serves its inbox viewer, but keeps mail in memory
 * and keeps only the first address of each list; this proxy in front of it reads every SendEmail itself,
 * refuses what real SES refuses, and appends each accepted e-mail to a log in the data directory, so
 * `GET /_local/emails` lists every e-mail since the data directory was made. The log is replayed into the
 * viewer at start, so the inbox survives restarts too.
 */

export const sentEmailSchema = z.object({
  messageId: z.string(),
  from: z.string(),
  to: z.array(z.string()),
  cc: z.array(z.string()),
  bcc: z.array(z.string()),
  subject: z.string(),
  text: z.string().nullable(),
  html: z.string().nullable(),
  /** SES message tags and configuration set as sent (what bounce and complaint notifications would carry). */
  tags: z.record(z.string(), z.string()).default({}),
  configurationSet: z.string().nullable().default(null),
  sentAt: z.string(),
});
export type SentEmail = z.infer<typeof sentEmailSchema>;

/** What `GET /_local/emails` shows of each e-mail (docs/API.md). */
export type LocalEmailView = Pick<SentEmail, 'to' | 'cc' | 'subject' | 'text' | 'html' | 'sentAt'>;

export interface LocalSes {
  url: string;
  port: number;
  /** The inbox viewer. */
  inboxUrl: string;
  emails(): Promise<SentEmail[]>;
  healthy(): Promise<boolean>;
  close(): Promise<void>;
}

const MAX_REQUEST_BYTES = 40 * 1024 * 1024; // SES's own message limit
const LOG_FILE = 'emails.jsonl';

export async function startLocalSes(opts: { dir: string; port?: number; clock: { now(): Date } }): Promise<LocalSes> {
  await mkdir(opts.dir, { recursive: true });
  const logFile = join(opts.dir, LOG_FILE);
  const inner = await sesServer({ host: '127.0.0.1', port: 0 });
  const innerPort = (inner.address() as { port: number }).port;
  const log = new MailLog(logFile);
  replayIntoViewer(await log.read());

  const proxy = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sesError(res, 500, 'InternalFailure', err instanceof Error ? err.message : String(err), 'Receiver');
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST' || (req.url ?? '/') !== '/') return pipeTo(innerPort, req, res);
    const body = await readBody(req, MAX_REQUEST_BYTES);
    if (body === undefined) return sesError(res, 400, 'InvalidParameterValue', 'Message length is more than 40 MB');
    const form = new URLSearchParams(body.toString('utf8'));
    if (form.get('Action') !== 'SendEmail') return forward(innerPort, req, body, res);

    const message = readSendEmail(form);
    const refusal = refuse(message);
    if (refusal) return sesError(res, 400, 'InvalidParameterValue', refusal);
    const answer = await send(innerPort, req, body);
    const messageId = /<MessageId>([^<]+)<\/MessageId>/.exec(answer.body.toString('utf8'))?.[1];
    if (answer.status === 200 && messageId) {
      const sent: SentEmail = { ...message, messageId, sentAt: opts.clock.now().toISOString() };
      showAllRecipients(sent);
      await log.append(sent);
    }
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body);
  }

  const port = await listen(proxy, opts.port);
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    port,
    inboxUrl: `${url}/`,
    emails: () => log.read(),
    healthy: async () => (await fetch(`http://127.0.0.1:${innerPort}/health-check`).catch(() => undefined))?.ok === true,
    close: async () => {
      await close(proxy);
      await close(inner);
      await log.flushed();
    },
  };
}

type OutgoingMessage = Omit<SentEmail, 'messageId' | 'sentAt'>;

/** SES v1 query parameters -> the message, every `member.N` of each list in order. */
export function readSendEmail(form: URLSearchParams): OutgoingMessage {
  const members = (prefix: string) =>
    [...form.entries()]
      .map(([k, v]) => [k.startsWith(prefix) ? Number(k.slice(prefix.length)) : NaN, v] as const)
      .filter(([n]) => Number.isInteger(n))
      .sort(([a], [b]) => a - b)
      .map(([, v]) => v);
  return {
    from: form.get('Source') ?? '',
    to: members('Destination.ToAddresses.member.').map(bareAddress),
    cc: members('Destination.CcAddresses.member.').map(bareAddress),
    bcc: members('Destination.BccAddresses.member.').map(bareAddress),
    subject: form.get('Message.Subject.Data') ?? '',
    text: form.get('Message.Body.Text.Data'),
    html: form.get('Message.Body.Html.Data'),
    tags: tagsOf(form),
    configurationSet: form.get('ConfigurationSetName'),
  };
}

/** `Tags.member.N.Name` / `Tags.member.N.Value` -> `{name: value}`. */
function tagsOf(form: URLSearchParams): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const [key, name] of form.entries()) {
    const n = /^Tags\.member\.(\d+)\.Name$/.exec(key)?.[1];
    if (n !== undefined) tags[name] = form.get(`Tags.member.${n}.Value`) ?? '';
  }
  return tags;
}

/** `"Terry Hughes" <terry@example.gov.uk>` -> `terry@example.gov.uk`. */
export function bareAddress(address: string): string {
  const angled = /<([^<>]*)>\s*$/.exec(address);
  return (angled ? angled[1] : address).trim();
}

/** Real SES refuses these; aws-ses-v2-local would accept them. */
function refuse(message: OutgoingMessage): string | undefined {
  if (message.to.length === 0) return "Missing required header 'To'.";
  for (const address of [...message.to, ...message.cc, ...message.bcc]) {
    if (!address) return 'Empty address.';
    if (!/^[^@\s]+@[^@\s]+$/.test(address)) return "Missing final '@domain'";
  }
  return undefined;
}

function sesError(res: ServerResponse, status: number, code: string, message: string, type = 'Sender'): void {
  const xml =
    '<ErrorResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/">' +
    `<Error><Type>${type}</Type><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error>` +
    `<RequestId>${randomUUID()}</RequestId></ErrorResponse>`;
  res.writeHead(status, { 'content-type': 'text/xml' });
  res.end(xml);
}

const escapeXml = (s: string) => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** The viewer's copy of an e-mail keeps only the first address of each list; give it every address. */
function showAllRecipients(sent: SentEmail): void {
  const shown = getStoreReadonly().emails.find((e) => e.messageId === sent.messageId);
  if (shown) shown.destination = { to: sent.to, cc: sent.cc, bcc: sent.bcc };
}

function replayIntoViewer(emails: SentEmail[]): void {
  clearStore();
  for (const e of emails) {
    getStoreReadonly().emails.push({
      messageId: e.messageId,
      from: e.from,
      replyTo: [],
      destination: { to: e.to, cc: e.cc, bcc: e.bcc },
      subject: e.subject,
      body: { text: e.text ?? undefined, html: e.html ?? undefined },
      attachments: [],
      at: Math.floor(new Date(e.sentAt).getTime() / 1000),
    });
  }
}

/** Append-only JSON lines; appends are chained so e-mails stay in the order they were accepted. */
class MailLog {
  private writes: Promise<void> = Promise.resolve();
  constructor(private readonly file: string) {}

  append(email: SentEmail): Promise<void> {
    this.writes = this.writes.then(() => appendFile(this.file, `${JSON.stringify(email)}\n`));
    return this.writes;
  }

  flushed(): Promise<void> {
    return this.writes.catch(() => undefined);
  }

  async read(): Promise<SentEmail[]> {
    await this.flushed();
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    return text
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => sentEmailSchema.parse(JSON.parse(line)));
  }
}

/** Reads a request body up to `limit` bytes; undefined (and the rest discarded) when it is longer. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) over = true;
      if (!over) chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(port: number, req: IncomingMessage, body: Buffer): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const out = httpRequest(
      { host: '127.0.0.1', port, method: req.method, path: req.url, headers: { ...req.headers, 'content-length': String(body.length) } },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (c: Buffer) => chunks.push(c));
        answer.on('end', () => resolve({ status: answer.statusCode ?? 502, headers: answer.headers, body: Buffer.concat(chunks) }));
        answer.on('error', reject);
      },
    );
    out.on('error', reject);
    out.end(body);
  });
}

async function forward(port: number, req: IncomingMessage, body: Buffer, res: ServerResponse): Promise<void> {
  const answer = await send(port, req, body);
  res.writeHead(answer.status, answer.headers);
  res.end(answer.body);
}

function pipeTo(port: number, req: IncomingMessage, res: ServerResponse): Promise<void> {
  return new Promise((resolve, reject) => {
    const out = httpRequest({ host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
      answer.on('end', resolve);
      answer.on('error', reject);
    });
    out.on('error', reject);
    req.pipe(out);
  });
}

