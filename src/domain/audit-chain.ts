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

export function chainHash(prevHash: string, event: ChainedEvent): string {
  const body = canonicalJson({
    seq: event.seq,
    occurredAt: event.occurredAt.toISOString(),
    actorId: event.actorId,
    actorRole: event.actorRole,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    changes: event.changes,
    requestId: event.requestId,
  });
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
