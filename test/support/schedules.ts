import { SweepService, type SweepSummary } from '../../src/schedules/sweep.service.js';
import type { ReceivedMail } from './smtp.js';
import type { TestApp } from './test-app.js';

/** Runs one sweep now, in this process, with the application's clock. */
export function sweep(t: TestApp): Promise<SweepSummary> {
  return t.app.get(SweepService).run();
}

export const daysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** The dedupe keys used so far that contain `part`, oldest first. */
export async function noticeKeys(t: TestApp, part: string): Promise<string[]> {
  const rows: { dedupe_key: string }[] = await t.db.query(`SELECT dedupe_key FROM notifications WHERE strpos(dedupe_key, $1) > 0 ORDER BY created_at, dedupe_key`, [part]);
  return rows.map((row) => row.dedupe_key);
}

export function linkToken(mail: ReceivedMail): string {
  const token = /#token=([A-Za-z0-9_-]{43})/.exec(mail.text ?? '')?.[1];
  if (!token) throw new Error(`No invitation link in "${mail.subject}"`);
  return token;
}

/**
 * The decided state as the decision feature leaves it: the assessment decided, the AI system
 * approved until `validUntil`. Written in SQL so these tests do not depend on the review flow.
 */
export async function approveInSql(t: TestApp, assessmentId: string, validUntil: string, outcome = 'approved'): Promise<void> {
  await t.db.query(`UPDATE assessments SET status = $2, sent_at = coalesce(sent_at, now()), submitted_at = now(), decided_at = now() WHERE id = $1`, [assessmentId, outcome]);
  const [{ ai_system_id: aiSystemId }] = await t.db.query('SELECT ai_system_id FROM assessments WHERE id = $1', [assessmentId]);
  await t.db.query(`UPDATE ai_systems SET approval_status = $2, approval_valid_until = $3, approved_at = now(), residual_risk = 'low' WHERE id = $1`, [aiSystemId, outcome, validUntil]);
}

export async function insertFinding(t: TestApp, assessmentId: string, fields: { status: string; dueDate?: string; visibleToVendor?: boolean; ownerId?: string }): Promise<string> {
  const [row] = await t.db.query(
    `INSERT INTO findings (assessment_id, ai_system_id, vendor_id, title, severity, status, due_date, visible_to_vendor, owner_id, version)
     SELECT a.id, a.ai_system_id, a.vendor_id, 'No bias testing on recent data', 'high', $2, $3, $4, $5, 1 FROM assessments a WHERE a.id = $1 RETURNING id`,
    [assessmentId, fields.status, fields.dueDate ?? null, fields.visibleToVendor ?? false, fields.ownerId ?? null],
  );
  return row.id;
}

export async function insertAcceptance(t: TestApp, findingId: string, approverId: string, expiresAt: string): Promise<string> {
  const [row] = await t.db.query(`INSERT INTO risk_acceptances (finding_id, approver_id, rationale, expires_at) VALUES ($1, $2, 'Compensated by manual review', $3) RETURNING id`, [
    findingId,
    approverId,
    expiresAt,
  ]);
  return row.id;
}

export async function insertCondition(t: TestApp, assessmentId: string, decidedBy: string, dueDate: string, ownerId?: string): Promise<string> {
  const [decision] = await t.db.query(
    `INSERT INTO decisions (assessment_id, outcome, status, rationale, decided_by, residual_risk, score)
     VALUES ($1, 'approved_with_conditions', 'final', 'Fine with a condition', $2, 'low', '{}'::jsonb)
     ON CONFLICT (assessment_id) WHERE voided_at IS NULL DO UPDATE SET rationale = excluded.rationale RETURNING id`,
    [assessmentId, decidedBy],
  );
  const [row] = await t.db.query(
    `INSERT INTO conditions (decision_id, assessment_id, ai_system_id, text, due_date, owner_id, version)
     SELECT $1, a.id, a.ai_system_id, 'Deliver the 2031 bias audit report', $3, $4, 1 FROM assessments a WHERE a.id = $2 RETURNING id`,
    [decision.id, assessmentId, dueDate, ownerId ?? null],
  );
  return row.id;
}

export async function insertEvidence(t: TestApp, assessmentId: string, fields: { name: string; documentDate?: string; expiresAt?: string; questionIds?: string[] }): Promise<string> {
  const [row] = await t.db.query(
    `INSERT INTO evidence (assessment_id, sha256, size, media_type, original_name, storage_key, document_date, expires_at, question_ids)
     VALUES ($1, repeat('a', 64), 10, 'application/pdf', $2, 'test/none', $3, $4, $5) RETURNING id`,
    [assessmentId, fields.name, fields.documentDate ?? null, fields.expiresAt ?? null, fields.questionIds ?? []],
  );
  return row.id;
}
