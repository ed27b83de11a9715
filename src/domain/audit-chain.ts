import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';

/** The part of an audit event that the hash covers: everything but the hashes themselves. */
export interface ChainedEvent {
  seq: string;
  occurredAt: Date;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string;
  changes: Record<string, unknown>;
  requestId: string | null;
}

export interface StoredEvent extends ChainedEvent {
  prevHash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** The fields an event's hash covers; the hash is built from this list, so the two cannot disagree. */
export const HASHED_FIELDS = ['seq', 'occurredAt', 'actorId', 'actorRole', 'action', 'entityType', 'entityId', 'changes', 'requestId'] as const satisfies readonly (keyof ChainedEvent)[];
export type HashedField = (typeof HASHED_FIELDS)[number];

export function chainHash(prevHash: string, event: ChainedEvent): string {
  // Canonical JSON sorts the keys and writes dates as ISO 8601, so the list's order does not matter.
  const body = canonicalJson(Object.fromEntries(HASHED_FIELDS.map((field) => [field, event[field]])));
  return createHash('sha256').update(prevHash + body).digest('hex');
}

export interface ChainCursor {
  /** Hash of the last verified event, or the genesis hash. */
  prevHash: string;
  /** Sequence number the next event must carry. */
  nextSeq: bigint;
  checked: number;
}

export const chainStart = (): ChainCursor => ({ prevHash: GENESIS_HASH, nextSeq: 1n, checked: 0 });

/**
 * Verifies one page of events continuing from `cursor`. A deleted event shows as a gap in
 * `seq` or a `prevHash` that does not match; an edited one as a hash that does not recompute.
 */
export function verifyChain(
  events: StoredEvent[],
  cursor: ChainCursor,
): { ok: true; cursor: ChainCursor } | { ok: false; brokenSeq: string; checked: number } {
  let { prevHash, nextSeq, checked } = cursor;
  for (const event of events) {
    const intact =
      BigInt(event.seq) === nextSeq && event.prevHash === prevHash && chainHash(prevHash, event) === event.hash;
    if (!intact) return { ok: false, brokenSeq: event.seq, checked };
    prevHash = event.hash;
    nextSeq += 1n;
    checked += 1;
  }
  return { ok: true, cursor: { prevHash, nextSeq, checked } };
}
