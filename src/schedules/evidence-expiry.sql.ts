/**
 * The evidence behind each AI system's current approval (its latest decided cycle, approved), with
 * the day it goes out of date: its own expiry, or its document date plus the shortest
 * `evidence.maxAgeMonths` of the questions it supports, as frozen in the assessment's
 * questionnaire versions (immutable, so they are read from the stored templates).
 */
export const CURRENT_EVIDENCE = `
  max_age AS (
    SELECT v.key, v.version, q->>'id' AS question_id, (q->'evidence'->>'maxAgeMonths')::int AS months
    FROM questionnaire_versions v CROSS JOIN LATERAL jsonb_array_elements(v.template->'questions') AS q
    WHERE q->'evidence'->>'maxAgeMonths' IS NOT NULL
  ),
  current_evidence AS (
    SELECT e.id, e.original_name, e.assessment_id, a.ai_system_id, a.requested_by,
      LEAST(e.expires_at, (
        SELECT min(e.document_date + make_interval(months => m.months))::date
        FROM jsonb_array_elements(a.questionnaires) AS f
        JOIN max_age m ON m.key = f->>'key' AND m.version = f->>'version' AND m.question_id = ANY(e.question_ids)
      )) AS expires_on
    FROM evidence e JOIN assessments a ON a.id = e.assessment_id
    WHERE a.status IN ('approved', 'approved_with_conditions')
      AND (e.expires_at IS NOT NULL OR e.document_date IS NOT NULL)
      AND NOT EXISTS (
        SELECT 1 FROM assessments later
        WHERE later.ai_system_id = a.ai_system_id AND later.cycle > a.cycle AND later.status IN ('approved', 'approved_with_conditions', 'rejected')
      )
  )`;
