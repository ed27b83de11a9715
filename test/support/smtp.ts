import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { waitFor } from './wait.js';

export interface MimePart {
  headers: Record<string, string>;
  contentType: string;
  body: string;
  parts: MimePart[];
}

export interface ReceivedMail {
  envelopeTo: string[];
  to: string;
  subject: string;
  text?: string;
  html?: string;
  raw: string;
  acceptedAt: number;
}

export interface TestSmtpServer {
  url: string;
  mails: ReceivedMail[];
  /** Times at which a client started sending DATA. */
  dataStarts: number[];
  /** Times at which a whole message had arrived, before the server answered it. */
  dataEnds: number[];
  waitForMail: (predicate: (mail: ReceivedMail) => boolean, timeoutMs?: number) => Promise<ReceivedMail>;
  close: () => Promise<void>;
}

function decodeQuotedPrintable(value: string): string {
  const bytes = value.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

function decodeEncodedWords(value: string): string {
  return value.replace(/=\?([^?]+)\?([BQ])\?([^?]*)\?=/gi, (_, _charset: string, encoding: string, text: string) =>
    encoding.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : decodeQuotedPrintable(text.replace(/_/g, ' ')),
  );
}

function parseHeaders(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = decodeEncodedWords(line.slice(colon + 1).trim());
  }
  return headers;
}

/** A small MIME reader: enough for multipart messages with quoted-printable or base64 parts. */
export function parseMime(raw: string): MimePart {
  const split = raw.search(/\r?\n\r?\n/);
  const headerBlock = split < 0 ? raw : raw.slice(0, split);
  const rest = split < 0 ? '' : raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const headers = parseHeaders(headerBlock);
  const contentType = (headers['content-type'] ?? 'text/plain').split(';')[0].trim().toLowerCase();
  const boundary = /boundary="?([^";]+)"?/i.exec(headers['content-type'] ?? '')?.[1];
  if (contentType.startsWith('multipart/') && boundary) {
    const sections = rest.split(`--${boundary}`).slice(1);
    const parts = sections.filter((section) => !section.startsWith('--')).map((section) => parseMime(section.replace(/^\r?\n/, '')));
    return { headers, contentType, body: '', parts };
  }
  const encoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  const body =
    encoding === 'base64'
      ? Buffer.from(rest.replace(/\s+/g, ''), 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? decodeQuotedPrintable(rest)
        : rest;
  return { headers, contentType, body: body.replace(/\r\n/g, '\n').replace(/\n$/, ''), parts: [] };
}

function leaves(part: MimePart): MimePart[] {
  return part.parts.length ? part.parts.flatMap(leaves) : [part];
}

export function readMail(raw: string, envelopeTo: string[]): ReceivedMail {
  const root = parseMime(raw);
  const all = leaves(root);
  return {
    envelopeTo,
    to: root.headers.to ?? '',
    subject: root.headers.subject ?? '',
    text: all.find((part) => part.contentType === 'text/plain')?.body,
    html: all.find((part) => part.contentType === 'text/html')?.body,
    raw,
    acceptedAt: Date.now(),
  };
}

/** A real SMTP server on a free port; `acceptDelayMs` holds the answer to DATA that long, `refuse` answers 550 to the recipients it matches. */
export async function startSmtpServer(options: { acceptDelayMs?: number; refuse?: (address: string) => boolean } = {}): Promise<TestSmtpServer> {
  const mails: ReceivedMail[] = [];
  const dataStarts: number[] = [];
  const dataEnds: number[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (!options.refuse?.(address.address)) return callback();
      callback(Object.assign(new Error(`Mailbox ${address.address} unavailable`), { responseCode: 550 }));
    },
    onData(stream, session, callback) {
      dataStarts.push(Date.now());
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        dataEnds.push(Date.now());
        const envelopeTo = session.envelope.rcptTo.map((rcpt) => rcpt.address);
        setTimeout(() => {
          mails.push(readMail(Buffer.concat(chunks).toString('utf8'), envelopeTo));
          callback();
        }, options.acceptDelayMs ?? 0);
      });
    },
  });
  // A client that dies mid-conversation (some tests kill it on purpose) resets its socket: that is
  // the client's fault, not a reason to fail the test file with an unhandled 'error' event.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    dataStarts,
    dataEnds,
    waitForMail: (predicate, timeoutMs = 15_000) => waitFor('a mail at the test SMTP server', () => mails.find(predicate), { timeoutMs }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
