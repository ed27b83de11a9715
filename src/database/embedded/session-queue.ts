import type { PGlite } from '@electric-sql/pglite';

interface Pending {
  handlerId: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (error: Error) => void;
  /** Cleans up after a connection that went away; queued behind whatever it still had running. */
  release?: boolean;
}

const SYNC = Uint8Array.of(0x53, 0, 0, 0, 4);
const NOTIFICATION_RESPONSE = 0x41;

/** Picks NotificationResponse messages out of backend output that arrives in arbitrary chunks. */
class NotificationScanner {
  private readonly header = new Uint8Array(5);
  private headerLength = 0;
  private remaining = 0;
  private message?: Uint8Array;
  private offset = 0;
  readonly found: Uint8Array[] = [];

  scan(chunk: Uint8Array): void {
    for (let i = 0; i < chunk.length; ) {
      if (this.remaining === 0) {
        const take = Math.min(5 - this.headerLength, chunk.length - i);
        this.header.set(chunk.subarray(i, i + take), this.headerLength);
        this.headerLength += take;
        i += take;
        if (this.headerLength === 5) this.startMessage();
        continue;
      }
      const take = Math.min(this.remaining, chunk.length - i);
      this.message?.set(chunk.subarray(i, i + take), this.offset);
      this.offset += take;
      this.remaining -= take;
      i += take;
      if (this.remaining === 0) this.endMessage();
    }
  }

  private startMessage(): void {
    const length = new DataView(this.header.buffer).getInt32(1);
    this.headerLength = 0;
    this.remaining = length - 4;
    this.message = this.header[0] === NOTIFICATION_RESPONSE ? new Uint8Array(1 + length) : undefined;
    this.message?.set(this.header);
    this.offset = 5;
    if (this.remaining === 0) this.endMessage();
  }

  private endMessage(): void {
    if (this.message) this.found.push(this.message);
    this.message = undefined;
  }
}

/**
 * Shares PGlite's single Postgres session between socket connections. A connection keeps the
 * session from its first message to the end of its unit of work: a simple query, an extended query
 * up to its Sync, and a whole transaction. Interleaving messages of two connections mid-unit would
 * let one's Sync close the other's unnamed portal, which the per-message queue of
 * pglite-socket does (seen as `portal "" does not exist` under BullMQ's concurrent workers).
 *
 * A NOTIFY reaches the one session, so PGlite writes it to whichever connection was running; it is
 * passed on to the other connections, where a LISTEN (BullMQ's idle workers) is waiting for it.
 */
export class SessionQueue {
  private readonly pending: Pending[] = [];
  private owner: number | null = null;
  private pumping = false;

  constructor(
    private readonly db: PGlite,
    private readonly onNotification: (fromHandlerId: number, message: Uint8Array) => void,
  ) {}

  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      this.pending.push({ handlerId, message, onData, resolve, reject });
      void this.pump();
    });
  }

  getQueueLength(): number {
    return this.pending.length;
  }

  clearQueueForHandler(handlerId: number): void {
    for (let i = this.pending.length - 1; i >= 0; i--) {
      if (this.pending[i].handlerId !== handlerId) continue;
      this.pending.splice(i, 1)[0].reject(new Error('Handler disconnected'));
    }
  }

  /** A connection that left mid-unit must not leave its half-done query or open transaction behind. */
  clearTransactionIfNeeded(handlerId: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => resolve();
      this.pending.push({ handlerId, message: SYNC, onData: () => undefined, resolve: done, reject: done, release: true });
      void this.pump();
    });
  }

  private next(): Pending | undefined {
    if (this.owner === null) return this.pending.shift();
    const index = this.pending.findIndex((item) => item.handlerId === this.owner);
    return index < 0 ? undefined : this.pending.splice(index, 1)[0];
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (let item = this.next(); item; item = this.next()) await this.run(item);
    } finally {
      this.pumping = false;
    }
  }

  private async release(item: Pending): Promise<void> {
    if (this.owner === item.handlerId) {
      // Not under runExclusive: exec takes PGlite's own lock; the pump already runs one item at a time.
      try {
        await this.db.execProtocolRaw(SYNC);
        if (this.db.isInTransaction()) await this.db.exec('ROLLBACK');
      } catch {
        // A database that cannot roll back is closing; the next connection finds out for itself.
      }
      this.owner = null;
    }
    item.resolve(0);
  }

  private async run(item: Pending): Promise<void> {
    if (item.release) return this.release(item);
    let bytes = 0;
    const notifications = new NotificationScanner();
    try {
      await this.db.runExclusive(() =>
        this.db.execProtocolRawStream(item.message, {
          onRawData: (data) => {
            bytes += data.length;
            item.onData(data);
            notifications.scan(data);
          },
        }),
      );
      item.resolve(bytes);
    } catch (error) {
      item.reject(error as Error);
    }
    for (const message of notifications.found) this.onNotification(item.handlerId, message);
    this.owner = endsUnit(item.message) && !this.db.isInTransaction() ? null : item.handlerId;
  }
}

/** Sync, a simple Query, Terminate, or the untyped startup message (its first byte is a length byte, 0). */
function endsUnit(message: Uint8Array): boolean {
  const type = message[0];
  return type === 0x53 || type === 0x51 || type === 0x58 || type === 0x00;
}
