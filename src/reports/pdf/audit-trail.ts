/** An excerpt of the assessment's audit trail: when, which role, what was done. */
import type { ReportData } from '../report-data.js';
import { note, paragraph, type Doc } from './layout.js';
import { table } from './table.js';
import { formatInstant, words } from './text.js';

export function drawAuditTrail(doc: Doc, data: ReportData): void {
  if (data.audit.length === 0) {
    note(doc, 'No events are recorded for this assessment.');
    return;
  }
  const earlier = data.auditTotal - data.audit.length;
  paragraph(
    doc,
    earlier > 0
      ? `The ${data.audit.length} most recent of ${data.auditTotal} events, oldest first. The full trail, with its hash chain, is in the audit log.`
      : `All ${data.auditTotal} events, oldest first. Each is a link of the tamper-evident audit chain.`,
  );
  doc.moveDown(0.5);
  table(
    doc,
    [
      { header: 'Time', share: 0.26 },
      { header: 'Actor role', share: 0.18 },
      { header: 'Action', share: 0.34 },
      { header: 'On', share: 0.22 },
    ],
    data.audit.map((event) => [formatInstant(event.occurredAt), words(event.actorRole ?? 'unknown'), event.action, words(event.entityType)]),
  );
}
