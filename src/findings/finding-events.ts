import type { Work } from '../database/unit-of-work.js';
import type { FindingEntity, FindingStatus } from './finding.entity.js';

type FindingFacts = Pick<FindingEntity, 'id' | 'assessmentId' | 'aiSystemId' | 'vendorId' | 'title' | 'severity' | 'status' | 'source'>;

/** Tells webhooks when a finding comes to stand open (raised, confirmed or reopened) or is closed. */
export function emitFindingMove(work: Work, before: FindingStatus | null, finding: FindingFacts): void {
  if (before === finding.status) return;
  const type = finding.status === 'open' ? 'finding.opened' : finding.status === 'closed' ? 'finding.closed' : null;
  if (!type) return;
  const { id, assessmentId, aiSystemId, vendorId, title, severity, status, source } = finding;
  work.emit(type, { findingId: id, assessmentId, aiSystemId, vendorId, title, severity, status, previousStatus: before, source });
}
