import { evidenceFlags, type EvidenceFacts } from '../../src/domain/evidence-flags.js';

const domainOf = (questionId: string) => questionId.split('-')[0];
const file = (id: string, over: Partial<EvidenceFacts> = {}): EvidenceFacts => ({ id, sha256: 'a'.repeat(64), size: 80_000, mediaType: 'application/pdf', questionIds: ['SEC-01'], ...over });

describe('evidence flags for the reviewer', () => {
  it('flags the same bytes offered for a question of another domain', () => {
    const flags = evidenceFlags(file('e1'), [file('e1'), file('e2', { questionIds: ['FAIR-02'] })], domainOf);
    expect(flags).toEqual([expect.objectContaining({ kind: 'duplicate_of', evidenceIds: ['e2'], questionIds: ['FAIR-02'] })]);
  });

  it('lets the same bytes support questions of one domain', () => {
    expect(evidenceFlags(file('e1'), [file('e2', { questionIds: ['SEC-02'] })], domainOf)).toEqual([]);
  });

  it('does not flag different bytes', () => {
    expect(evidenceFlags(file('e1'), [file('e2', { sha256: 'b'.repeat(64), questionIds: ['FAIR-02'] })], domainOf)).toEqual([]);
  });

  it.each([
    ['a 1 KB PDF', 'application/pdf', 1024, 2048],
    ['a 4 KB Word file', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 4096, 5120],
    ['a 3 KB spreadsheet', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 3000, 5120],
  ])('flags %s as suspiciously small', (_, mediaType, size, minimumBytes) => {
    expect(evidenceFlags(file('e1', { mediaType, size }), [], domainOf)).toEqual([expect.objectContaining({ kind: 'suspiciously_small', minimumBytes })]);
  });

  it.each([
    ['a 3 KB PDF', 'application/pdf', 3000],
    ['a short text file', 'text/plain', 40],
    ['a small PNG', 'image/png', 500],
  ])('leaves %s alone', (_, mediaType, size) => {
    expect(evidenceFlags(file('e1', { mediaType, size }), [], domainOf)).toEqual([]);
  });
});
