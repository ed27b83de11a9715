import { connect, type Socket } from 'node:net';

export interface RawAnswer {
  /** Everything the server sent before it closed the connection (or the wait ran out). */
  bytes: Buffer;
  closed: boolean;
  /** Statuses of every response in `bytes`, interim 1xx ones included. */
  statuses: number[];
  /** The first final response's Content-Type. */
  contentType?: string;
}

export function parseAnswer(bytes: Buffer, closed: boolean): RawAnswer {
  const text = bytes.toString('latin1');
  const statuses = [...text.matchAll(/(?:^|\r\n)HTTP\/1\.[01] (\d{3}) /g)].map((match) => Number(match[1]));
  const finalAt = text.search(/HTTP\/1\.[01] [2-5]\d\d /);
  const head = finalAt >= 0 ? text.slice(finalAt, text.indexOf('\r\n\r\n', finalAt)) : '';
  const contentType = /\r\ncontent-type: *([^\r\n]*)/i.exec(head)?.[1];
  return { bytes, closed, statuses, contentType };
}

/** Opens a connection, lets `send` write to it, and collects the answer until the server closes or `waitMs` passes. */
export function exchange(port: number, send: (socket: Socket) => void, waitMs = 5000): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    let done = false;
    const finish = (closed: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(parseAnswer(Buffer.concat(chunks), closed));
    };
    const timer = setTimeout(() => finish(false), waitMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => finish(true));
    socket.on('close', () => finish(true));
    socket.on('connect', () => send(socket));
  });
}

/** Sends whole bytes and half-closes: the server answers what it got, then closes. */
export const sendAll = (port: number, bytes: Buffer | string, waitMs?: number) => exchange(port, (socket) => socket.end(bytes), waitMs);
