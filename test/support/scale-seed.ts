/**
 * A portfolio of `vendors` vendors seeded in a few set-based statements: each vendor with one AI
 * system (its intake too), every tenth with an assessment on the latest core questionnaire and
 * five answers, every fiftieth tagged `critical`. Names carry an md5 so that substring search has work.
 */
type Run = (sql: string, parameters?: unknown[]) => Promise<unknown>;

const SEED = [
  `INSERT INTO users (email, name, role, version) VALUES ('scale.procurement@bank.example', 'Scale Procurement', 'procurement', 1) ON CONFLICT DO NOTHING`,
  `INSERT INTO vendors (legal_name, country, tags, created_at, version)
   SELECT 'Vendor ' || md5(g::text), 'GB', CASE WHEN g % 50 = 0 THEN ARRAY['critical'] ELSE ARRAY['tag-' || g % 40] END,
     now() - make_interval(secs => g), 1
   FROM generate_series(1, $1::int) g`,
  `INSERT INTO ai_systems (vendor_id, name, model_version, model_type, hosting, inherent_tier, created_at, version)
   SELECT v.id, 'System ' || md5(v.legal_name), '1.0', 'predictive', 'vendor_saas', 'low', v.created_at, 1
   FROM vendors v WHERE v.legal_name LIKE 'Vendor ________________________________'`,
  `INSERT INTO intakes (ai_system_id, use_case, answers, form_version, inherent_tier, eu_ai_act_category, can_proceed, reasons, requested_by)
   SELECT s.id, 'Scale', '{}'::jsonb, '1.0.0', 'low', 'minimal_risk', true, '[]'::jsonb, (SELECT id FROM users WHERE email = 'scale.procurement@bank.example')
   FROM ai_systems s WHERE s.name LIKE 'System ________________________________'`,
  `INSERT INTO assessments (ai_system_id, vendor_id, intake_id, cycle, status, due_date, inherent_tier, questionnaires, requested_by, sent_at, version)
   SELECT s.id, s.vendor_id, i.id, 1, 'in_progress', current_date + n % 365, 'low', q.frozen, i.requested_by, now(), 1
   FROM (SELECT s.*, row_number() OVER (ORDER BY s.id)::int n FROM ai_systems s WHERE s.name LIKE 'System ________________________________') s
     JOIN intakes i ON i.ai_system_id = s.id,
     (SELECT jsonb_build_array(jsonb_build_object('key', key, 'version', version, 'contentHash', content_hash)) frozen FROM questionnaire_versions WHERE key = 'ai-due-diligence-core' ORDER BY created_at DESC LIMIT 1) q
   WHERE s.n % 10 = 0`,
  `INSERT INTO responses (assessment_id, question_id, value, answered_at)
   SELECT a.id, 'scale-q' || q, to_jsonb('Yes'::text), now() FROM assessments a, generate_series(1, 5) q WHERE a.intake_id IN (SELECT id FROM intakes WHERE use_case = 'Scale')`,
];

export async function seedScalePortfolio(run: Run, vendors: number): Promise<void> {
  for (const statement of SEED) await run(statement, statement.includes('$1') ? [vendors] : []);
  // VACUUM as well: it moves the rows out of the GIN indexes' pending lists, as autovacuum would.
  await run('VACUUM ANALYZE vendors, ai_systems, intakes, assessments');
}
