import { chainHash, chainStart, GENESIS_HASH, HASHED_FIELDS, verifyChain, type ChainedEvent, type HashedField, type StoredEvent } from '../../src/domain/audit-chain.js';

function event(seq: number, overrides: Partial<ChainedEvent> = {}): ChainedEvent {
  return {
    seq: String(seq),
    occurredAt: new Date(Date.UTC(2026, 0, 1, 9, 0, seq)),
    actorId: '5b0f5a1e-8a4e-4a57-9a43-1b2a7f0e4c11',
    actorRole: 'admin',
    action: 'user.updated',
    entityType: 'user',
    entityId: `user-${seq}`,
    changes: { name: { before: `Name ${seq - 1}`, after: `Name ${seq}` } },
    requestId: `req-${seq}`,
    ...overrides,
  };
}

function chain(length: number): StoredEvent[] {
  let prevHash = GENESIS_HASH;
  return Array.from({ length }, (_, i) => {
    const body = event(i + 1);
    const hash = chainHash(prevHash, body);
    const stored = { ...body, prevHash, hash };
    prevHash = hash;
    return stored;
  });
}

type Tamper = (events: StoredEvent[]) => StoredEvent[];

const edit = (index: number, change: Partial<StoredEvent>): Tamper => (events) =>
  events.map((e, i) => (i === index ? { ...e, ...change } : e));

describe('audit hash chain', () => {
  it('links the first event to the genesis hash and each next one to its predecessor', () => {
    const events = chain(3);
    expect(events[0].prevHash).toBe(GENESIS_HASH);
    expect(events[1].prevHash).toBe(events[0].hash);
    expect(events[2].prevHash).toBe(events[1].hash);
  });

  it('accepts an intact chain and returns where the next page must continue', () => {
    const events = chain(5);
    const result = verifyChain(events, chainStart());
    expect(result).toEqual({ ok: true, cursor: { prevHash: events[4].hash, nextSeq: 6n, checked: 5 } });
  });

  it('accepts an empty chain', () => {
    expect(verifyChain([], chainStart())).toEqual({ ok: true, cursor: chainStart() });
  });

  it('verifies a chain read in pages exactly as in one piece', () => {
    const events = chain(7);
    const first = verifyChain(events.slice(0, 3), chainStart());
    if (!first.ok) throw new Error('first page should verify');
    const second = verifyChain(events.slice(3), first.cursor);
    expect(second).toEqual(verifyChain(events, chainStart()));
  });

  it.each<[string, Tamper, string, number]>([
    ['an edited change', edit(2, { changes: { name: { before: 'Name 2', after: 'Mallory' } } }), '3', 2],
    ['an edited actor', edit(1, { actorId: null }), '2', 1],
    ['an edited action', edit(3, { action: 'user.created' }), '4', 3],
    ['an edited entity id', edit(4, { entityId: 'user-x' }), '5', 4],
    ['an edited time', edit(0, { occurredAt: new Date(Date.UTC(2025, 0, 1)) }), '1', 0],
    ['an edited request id', edit(2, { requestId: 'req-forged' }), '3', 2],
    ['an edited stored hash', edit(2, { hash: 'f'.repeat(64) }), '3', 2],
    ['a removed event in the middle', (events) => events.filter((_, i) => i !== 2), '4', 2],
    ['a removed first event', (events) => events.slice(1), '2', 0],
    ['two reordered events', (events) => [events[0], events[2], events[1], events[3], events[4]], '3', 1],
    ['a renumbered event that hides a gap', (events) => events.filter((_, i) => i !== 2).map((e, i) => (i === 2 ? { ...e, seq: '3' } : e)), '3', 2],
    [
      'an edited event whose hash was recomputed',
      (events) => {
        const forged = { ...events[1], changes: { name: { before: 'x', after: 'y' } } };
        forged.hash = chainHash(forged.prevHash, forged);
        return events.map((e, i) => (i === 1 ? forged : e));
      },
      '3',
      2,
    ],
  ])('detects %s and names the first event that does not fit', (_, tamper, brokenSeq, checked) => {
    expect(verifyChain(tamper(chain(5)), chainStart())).toEqual({ ok: false, brokenSeq, checked });
  });

  it('hashes the same event the same way whatever the key order of its changes', () => {
    const one = event(1, { changes: { a: { before: 1, after: 2 }, b: { before: null, after: 'x' } } });
    const two = event(1, { changes: { b: { after: 'x', before: null }, a: { after: 2, before: 1 } } });
    expect(chainHash(GENESIS_HASH, one)).toBe(chainHash(GENESIS_HASH, two));
  });

  it('gives a different hash after a different predecessor', () => {
    expect(chainHash(GENESIS_HASH, event(1))).not.toBe(chainHash('1'.repeat(64), event(1)));
  });
});

/** Another value for each hashed field; a field added to the list needs one here before this compiles. */
const ALTERED: Record<HashedField, (event: ChainedEvent) => Partial<ChainedEvent>> = {
  seq: () => ({ seq: '99' }),
  occurredAt: (e) => ({ occurredAt: new Date(e.occurredAt.getTime() + 1) }),
  actorId: () => ({ actorId: '0e7c6a55-3f0b-4c1e-9b59-2d6f1a8e9c22' }),
  actorRole: () => ({ actorRole: 'auditor' }),
  action: () => ({ action: 'user.deleted' }),
  entityType: () => ({ entityType: 'api_key' }),
  entityId: () => ({ entityId: 'user-forged' }),
  changes: () => ({ changes: { name: { before: 'Name 0', after: 'Mallory' } } }),
  requestId: () => ({ requestId: 'req-forged' }),
};

describe('the fields an audit hash covers', () => {
  it.each(HASHED_FIELDS.map((field) => [field]))('changes the hash when %s changes', (field) => {
    const original = event(1);
    const altered = { ...original, ...ALTERED[field](original) };
    expect(altered[field]).not.toEqual(original[field]);
    expect(chainHash(GENESIS_HASH, altered)).not.toBe(chainHash(GENESIS_HASH, original));
  });

  it('changes the hash when a nullable field becomes null', () => {
    for (const field of ['actorId', 'actorRole', 'requestId'] as const) {
      expect({ field, same: chainHash(GENESIS_HASH, event(1, { [field]: null })) === chainHash(GENESIS_HASH, event(1)) }).toEqual({ field, same: false });
    }
  });

  it('hashes every field of an event, so none can be edited unnoticed', () => {
    // Fully populated: a field added to ChainedEvent must be added here, and then to the hashed list.
    const populated: Required<ChainedEvent> = event(1);
    expect(Object.keys(populated).sort()).toEqual([...HASHED_FIELDS].sort());
  });

  it('keeps the hash of a known event, so chains already stored still verify', () => {
    const known: ChainedEvent = {
      seq: '7',
      occurredAt: new Date('2026-03-02T10:15:30.123Z'),
      actorId: '5b0f5a1e-8a4e-4a57-9a43-1b2a7f0e4c11',
      actorRole: 'risk_manager',
      action: 'finding.updated',
      entityType: 'finding',
      entityId: 'f-1',
      changes: { status: { before: 'open', after: 'closed' } },
      requestId: 'req-7',
    };
    // sha256 of 64 zeros followed by the event's canonical JSON, worked out once outside this code.
    expect(chainHash(GENESIS_HASH, known)).toBe('1020e9df182727233191ac441842aab8251e3b4f9d8d25ef715afcb2bf38e774');
  });
});
