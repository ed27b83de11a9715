import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { badRequest, validationFailed } from '../common/errors.js';
import { addDays, daysBetween, isoDate, reassessmentOpensOn } from '../domain/schedule.js';
import type { ScheduleItem, ScheduleKind, SchedulePage, ScheduleQuery } from './dto/schedule.dto.js';
import { SCHEDULE_KINDS } from './dto/schedule.dto.js';
import { AGE_LIMITS, currentEvidence } from './evidence-expiry.sql.js';
import { SCHEDULES_CONFIG, type SchedulesConfig } from './schedules.config.js';

const DEFAULT_WINDOW_DAYS = 90;
const MAX_WINDOW_DAYS = 731;

/** One SELECT per kind, with the columns of `items`; $1 and $2 bound the window, $3 is today. */
const BRANCHES: Record<ScheduleKind, string> = {
  reassessment: `
    SELECT 'reassessment', s.approval_valid_until, s.id, s.id, open.id, NULL::uuid, s.name, CASE WHEN open.id IS NULL THEN 'scheduled' ELSE 'opened' END
    FROM ai_systems s
    LEFT JOIN LATERAL (
      SELECT a.id FROM assessments a
      WHERE a.ai_system_id = s.id AND a.status NOT IN ('approved', 'approved_with_conditions', 'rejected', 'cancelled') ORDER BY a.cycle DESC LIMIT 1
    ) open ON true
    WHERE s.approval_status IN ('approved', 'approved_with_conditions') AND s.approval_valid_until BETWEEN $1::date AND $2::date`,
  assessment_due: `
    SELECT 'assessment_due', a.due_date, a.id, a.ai_system_id, a.id, NULL::uuid, 'Questionnaire, cycle ' || a.cycle, a.status::text
    FROM assessments a
    WHERE a.status NOT IN ('approved', 'approved_with_conditions', 'rejected', 'cancelled') AND a.due_date BETWEEN $1::date AND $2::date`,
  condition: `
    SELECT 'condition', c.due_date, c.id, c.ai_system_id, c.assessment_id, NULL::uuid, c.text, c.status::text
    FROM conditions c WHERE c.status IN ('open', 'proposed_met') AND c.due_date BETWEEN $1::date AND $2::date`,
  remediation: `
    SELECT 'remediation', f.due_date, f.id, f.ai_system_id, f.assessment_id, f.id, f.title, f.status::text
    FROM findings f
    WHERE f.visible_to_vendor AND f.status IN ('open', 'remediation_planned') AND f.due_date BETWEEN $1::date AND $2::date`,
  risk_acceptance: `
    SELECT 'risk_acceptance', r.expires_at, r.id, f.ai_system_id, f.assessment_id, f.id, f.title, CASE WHEN r.expires_at < $3::date THEN 'expired' ELSE 'accepted' END
    FROM risk_acceptances r JOIN findings f ON f.id = r.finding_id
    WHERE r.lapsed_at IS NULL AND f.status = 'accepted' AND r.expires_at BETWEEN $1::date AND $2::date`,
  evidence: `
    SELECT 'evidence', ce.expires_on, ce.id, ce.ai_system_id, ce.assessment_id, NULL::uuid, ce.original_name, CASE WHEN ce.expires_on < $3::date THEN 'expired' ELSE 'valid' END
    FROM current_evidence ce WHERE ce.expires_on BETWEEN $1::date AND $2::date`,
};

interface Row {
  kind: ScheduleKind;
  date: string;
  overdue: boolean;
  id: string;
  ai_system_id: string;
  ai_system_name: string;
  vendor_id: string;
  assessment_id: string | null;
  finding_id: string | null;
  title: string;
  status: string;
}

type Cursor = [string, string, string];

function encodeCursor(row: Row): string {
  return Buffer.from(JSON.stringify([row.date, row.kind, row.id] satisfies Cursor)).toString('base64url');
}

function decodeCursor(cursor: string): Cursor {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    const [date, kind, id] = Array.isArray(value) ? value : [];
    if (/^\d{4}-\d{2}-\d{2}$/.test(String(date)) && SCHEDULE_KINDS.includes(kind) && /^[0-9a-f-]{36}$/.test(String(id))) return [date, kind, id];
  } catch {
    // refused below
  }
  throw badRequest('invalid_cursor', 'The cursor is not one this API issued');
}

/** What falls due in a window of days: one query over every kind, in date order, by pages. */
@Injectable()
export class ScheduleList {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    @Inject(SCHEDULES_CONFIG) private readonly config: SchedulesConfig,
  ) {}

  async list(query: ScheduleQuery): Promise<SchedulePage> {
    const today = isoDate(this.clock.now());
    const from = query.from ?? addDays(today, -DEFAULT_WINDOW_DAYS);
    const to = query.to ?? addDays(query.from ?? today, DEFAULT_WINDOW_DAYS);
    const span = daysBetween(from, to);
    if (span < 0) throw validationFailed([{ field: 'to', message: 'to must not be before from' }]);
    if (span >= MAX_WINDOW_DAYS) throw validationFailed([{ field: 'to', message: `the window can be at most ${MAX_WINDOW_DAYS} days` }]);
    const limit = query.limit ?? 50;
    const kinds = query.kind ? [query.kind] : [...SCHEDULE_KINDS];
    const params: unknown[] = [from, to, today, limit + 1];
    let after = '';
    if (query.cursor) {
      params.push(...decodeCursor(query.cursor));
      after = 'WHERE (i.date, i.kind, i.id) > ($5::date, $6::text, $7::uuid)';
    }
    const ageLimits = kinds.includes('evidence') ? (await this.db.query(AGE_LIMITS)).map((row: { months: number }) => row.months) : [];
    const rows: Row[] = await this.db.query(
      `WITH ${kinds.includes('evidence') ? `${currentEvidence('$1::date', '$2::date', ageLimits)},` : ''}
       items (kind, date, id, ai_system_id, assessment_id, finding_id, title, status) AS (${kinds.map((kind) => BRANCHES[kind]).join('\n UNION ALL ')})
       SELECT i.kind, i.date::text AS date, i.date < $3::date AS overdue, i.id, i.ai_system_id, s.name AS ai_system_name, s.vendor_id, i.assessment_id, i.finding_id, i.title, i.status
       FROM items i JOIN ai_systems s ON s.id = i.ai_system_id
       ${after}
       ORDER BY i.date, i.kind, i.id LIMIT $4`,
      params,
    );
    const items = rows.slice(0, limit);
    return { items: items.map((row) => this.item(row)), nextCursor: rows.length > limit ? encodeCursor(items[items.length - 1]) : null, from, to };
  }

  private item(row: Row): ScheduleItem {
    return {
      kind: row.kind,
      date: row.date,
      overdue: row.overdue,
      id: row.id,
      title: row.title,
      status: row.status,
      aiSystemId: row.ai_system_id,
      aiSystemName: row.ai_system_name,
      vendorId: row.vendor_id,
      assessmentId: row.assessment_id,
      findingId: row.finding_id,
      opensOn: row.kind === 'reassessment' ? reassessmentOpensOn(row.date, this.config.reassessmentLeadDays) : null,
    };
  }
}
