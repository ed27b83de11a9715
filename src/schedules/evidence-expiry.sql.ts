/**
 * The evidence behind each AI system's current approval (its latest decided cycle, approved) that
 * goes out of date between two days: by its own expiry, or by its document date plus the shortest
 * `evidence.maxAgeMonths` of the questions it supports, as frozen in the assessment's
 * questionnaire versions (immutable, so read from the stored templates).
 */

/** Every age limit some question sets; a handful of numbers. */
export const AGE_LIMITS = `
  SELECT DISTINCT (q->'evidence'->>'maxAgeMonths')::int AS months
  FROM questionnaire_versions v CROSS JOIN LATERAL jsonb_array_elements(v.template->'questions') AS q
  WHERE q->'evidence'->>'maxAgeMonths' IS NOT NULL`;

/**
 * CTEs ending in `current_evidence`, for the window between the SQL date expressions `from` and
 * `to`. Plain date ranges, one per age limit in `ageLimits`, pick the candidates first (with
 * estimates the planner can trust), so the per-document work is done only for those.
 */
export function currentEvidence(from: string, to: string, ageLimits: number[]): string {
  // A few days of slack, because adding months clamps to the month's end and so cannot be undone exactly.
  const byAge = ageLimits
    .filter((months) => Number.isInteger(months) && months > 0)
    .map((months) => `OR e.document_date BETWEEN (${from} - interval '${months} months 3 days')::date AND (${to} - interval '${months} months -3 days')::date`);
  return `
  max_age AS MATERIALIZED (
    SELECT v.key, v.version, q->>'id' AS question_id, (q->'evidence'->>'maxAgeMonths')::int AS months
    FROM questionnaire_versions v CROSS JOIN LATERAL jsonb_array_elements(v.template->'questions') AS q
    WHERE q->'evidence'->>'maxAgeMonths' IS NOT NULL
  ),
  candidate_evidence AS MATERIALIZED (
    SELECT e.* FROM evidence e WHERE e.expires_at BETWEEN ${from} AND ${to} ${byAge.join(' ')}
  ),
  current_evidence AS (
    SELECT e.id, e.original_name, e.assessment_id, a.ai_system_id, a.requested_by, LEAST(e.expires_at, limit_of.until) AS expires_on
    FROM candidate_evidence e
    -- Each document looks up its own assessment by key (OFFSET 0 keeps it so) instead of joining the whole table.
    CROSS JOIN LATERAL (
      SELECT a.ai_system_id, a.requested_by, a.questionnaires FROM assessments a
      WHERE a.id = e.assessment_id AND a.status IN ('approved', 'approved_with_conditions')
        AND NOT EXISTS (
          SELECT 1 FROM assessments later
          WHERE later.ai_system_id = a.ai_system_id AND later.cycle > a.cycle AND later.status IN ('approved', 'approved_with_conditions', 'rejected')
        )
      OFFSET 0
    ) a
    CROSS JOIN LATERAL (
      SELECT min(e.document_date + make_interval(months => m.months))::date AS until
      FROM jsonb_array_elements(a.questionnaires) AS f
      JOIN max_age m ON m.key = f->>'key' AND m.version = f->>'version' AND m.question_id = ANY(e.question_ids)
    ) limit_of
  )`;
}
