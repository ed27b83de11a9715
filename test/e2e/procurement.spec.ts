import { Role } from '../../src/auth/roles.js';
import { bearer, signIn, startTestApp, type TestApp } from '../support/test-app.js';

const plainAnswers = {
  decision_impact: 'none',
  data_sensitivity: 'internal',
  exposure: 'internal',
  annex_iii_area: 'none',
  generative: false,
  interacts_with_people: false,
  autonomy: 'suggests_only',
  prohibited_practice: false,
  business_criticality: 'low',
};

describe('procurement: vendors, AI systems, intakes and the inventory', () => {
  let t: TestApp;
  let buyer: string;
  let risk: string;
  let auditor: string;

  const api = () => t.http();
  const newVendor = async (legalName: string, extra: object = {}) =>
    (await api().post('/api/v1/vendors').set(bearer(buyer)).send({ legalName, country: 'gb', ...extra }).expect(201)).body;
  const newSystem = async (vendorId: string, extra: object = {}) =>
    (
      await api()
        .post(`/api/v1/vendors/${vendorId}/ai-systems`)
        .set(bearer(buyer))
        .send({ name: 'Scorer', version: '1.0', modelType: 'predictive', hosting: 'vendor_saas', ...extra })
        .expect(201)
    ).body;
  const intake = (aiSystemId: string, answers: object) =>
    api().post('/api/v1/intakes').set(bearer(buyer)).send({ aiSystemId, useCase: 'Test use', answers: { ...plainAnswers, ...answers } });

  beforeAll(async () => {
    t = await startTestApp();
    buyer = (await signIn(t, Role.Procurement)).token;
    risk = (await signIn(t, Role.RiskManager)).token;
    auditor = (await signIn(t, Role.Auditor)).token;
  });
  afterAll(() => t.stop());

  describe('vendors and contacts', () => {
    it('registers a vendor, normalising country and tags, and audits it', async () => {
      const vendor = await newVendor('Acme Analytics Ltd', { website: 'https://acme.example', tags: ['Credit', 'credit ', 'strategic'] });
      expect(vendor).toMatchObject({ legalName: 'Acme Analytics Ltd', country: 'GB', status: 'active', tags: ['credit', 'strategic'] });
      const events = await api().get(`/api/v1/audit-events?entityType=vendor&entityId=${vendor.id}`).set(bearer(auditor)).expect(200);
      expect(events.body.items[0]).toMatchObject({ action: 'vendor.created', changes: { legalName: { before: null, after: 'Acme Analytics Ltd' } } });
    });

    it('refuses a bad country, website, tag or unknown field, naming the fields', async () => {
      const res = await api()
        .post('/api/v1/vendors')
        .set(bearer(buyer))
        .send({ legalName: 'X', country: 'XX', website: 'ftp://x', tags: ['$$$'], rating: 5 })
        .expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['country', 'rating', 'tags', 'website']);
    });

    it('updates a vendor with If-Match and refuses a stale ETag', async () => {
      const vendor = await newVendor('Beta AI');
      const read = await api().get(`/api/v1/vendors/${vendor.id}`).set(bearer(risk)).expect(200);
      const etag = read.headers.etag;
      await api().patch(`/api/v1/vendors/${vendor.id}`).set(bearer(risk)).set('if-match', etag).send({ tags: ['eu'] }).expect(200);
      const stale = await api().patch(`/api/v1/vendors/${vendor.id}`).set(bearer(risk)).set('if-match', etag).send({ legalName: 'Lost update' }).expect(412);
      expect(stale.body.code).toBe('precondition_failed');
      expect((await api().get(`/api/v1/vendors/${vendor.id}`).set(bearer(risk))).body.legalName).toBe('Beta AI');
    });

    it('keeps contact e-mails unique per vendor, in any case', async () => {
      const vendor = await newVendor('Gamma Labs');
      await api().post(`/api/v1/vendors/${vendor.id}/contacts`).set(bearer(buyer)).send({ name: 'Sam Lee', email: 'Sam@Gamma.example', role: 'CISO' }).expect(201);
      const again = await api().post(`/api/v1/vendors/${vendor.id}/contacts`).set(bearer(buyer)).send({ name: 'Sam', email: 'sam@gamma.example' }).expect(409);
      expect(again.body.code).toBe('contact_exists');
      const other = await newVendor('Delta Labs');
      await api().post(`/api/v1/vendors/${other.id}/contacts`).set(bearer(buyer)).send({ name: 'Sam Lee', email: 'sam@gamma.example' }).expect(201);
      const list = await api().get(`/api/v1/vendors/${vendor.id}/contacts`).set(bearer(auditor)).expect(200);
      expect(list.body.items).toEqual([expect.objectContaining({ name: 'Sam Lee', email: 'sam@gamma.example', role: 'CISO' })]);
    });

    it('answers 404 for an unknown vendor and 400 for a malformed id', async () => {
      await api().get(`/api/v1/vendors/${crypto.randomUUID()}`).set(bearer(buyer)).expect(404);
      await api().post(`/api/v1/vendors/${crypto.randomUUID()}/contacts`).set(bearer(buyer)).send({ name: 'A', email: 'a@b.example' }).expect(404);
      await api().get('/api/v1/vendors/acme').set(bearer(buyer)).expect(400);
    });

    it('lets auditors read but not write, and admins neither register vendors', async () => {
      await api().get('/api/v1/vendors').set(bearer(auditor)).expect(200);
      await api().post('/api/v1/vendors').set(bearer(auditor)).send({ legalName: 'No', country: 'GB' }).expect(403);
      await api().post('/api/v1/vendors').set(bearer(t.adminToken)).send({ legalName: 'No', country: 'GB' }).expect(403);
    });

    it('shows a vendor user its own vendor record and nothing else', async () => {
      const own = await newVendor('Own Vendor');
      const other = await newVendor('Other Vendor');
      const vendorUser = await signIn(t, Role.Vendor, { vendorId: own.id });
      await api().get(`/api/v1/vendors/${own.id}`).set(bearer(vendorUser.token)).expect(200);
      const res = await api().get(`/api/v1/vendors/${other.id}`).set(bearer(vendorUser.token)).expect(404);
      expect(JSON.stringify(res.body)).not.toContain('Other Vendor');
      await api().get('/api/v1/vendors').set(bearer(vendorUser.token)).expect(403);
      await api().get('/api/v1/inventory').set(bearer(vendorUser.token)).expect(403);
      await api().get(`/api/v1/vendors/${own.id}/contacts`).set(bearer(vendorUser.token)).expect(403);
    });

    it('refuses a vendor user for a vendor that does not exist', async () => {
      const res = await api()
        .post('/api/v1/users')
        .set(bearer(t.adminToken))
        .send({ email: 'ghost@vendor.example', name: 'Ghost', role: 'vendor', vendorId: crypto.randomUUID() })
        .expect(422);
      expect(res.body.code).toBe('unknown_reference');
    });
  });

  describe('AI systems', () => {
    it('registers an AI system with its fourth parties and records a version change', async () => {
      const vendor = await newVendor('Epsilon');
      const system = await newSystem(vendor.id, { modelType: 'generative', foundationModelProviders: ['OpenAI', 'OpenAI '], dataRegions: ['EU'] });
      expect(system).toMatchObject({ version: '1.0', foundationModelProviders: ['OpenAI'], approval: { status: 'not_assessed', validUntil: null } });
      const updated = await api().patch(`/api/v1/ai-systems/${system.id}`).set(bearer(risk)).send({ version: '2.0' }).expect(200);
      expect(updated.body.version).toBe('2.0');
      const changes = await t.db.query('SELECT from_version, to_version FROM ai_system_version_changes WHERE ai_system_id = $1', [system.id]);
      expect(changes).toEqual([{ from_version: '1.0', to_version: '2.0' }]);
      const events = await api().get(`/api/v1/audit-events?entityId=${system.id}`).set(bearer(auditor)).expect(200);
      expect(events.body.items.map((e: { action: string }) => e.action)).toEqual(['ai_system.version_changed', 'ai_system.updated', 'ai_system.created']);
    });

    it('records nothing when a PATCH changes nothing', async () => {
      const vendor = await newVendor('Zeta');
      const system = await newSystem(vendor.id);
      await api().patch(`/api/v1/ai-systems/${system.id}`).set(bearer(risk)).send({ version: '1.0', name: 'Scorer' }).expect(200);
      const events = await api().get(`/api/v1/audit-events?entityId=${system.id}`).set(bearer(auditor)).expect(200);
      expect(events.body.items).toHaveLength(1);
    });

    it('refuses new AI systems for an offboarded vendor', async () => {
      const vendor = await newVendor('Offboarded Co');
      await api().patch(`/api/v1/vendors/${vendor.id}`).set(bearer(buyer)).send({ status: 'offboarded' }).expect(200);
      const res = await api()
        .post(`/api/v1/vendors/${vendor.id}/ai-systems`)
        .set(bearer(buyer))
        .send({ name: 'Late', version: '1', modelType: 'other', hosting: 'vendor_api' })
        .expect(409);
      expect(res.body.code).toBe('vendor_offboarded');
    });

    it('refuses bad enums with the allowed values', async () => {
      const vendor = await newVendor('Eta');
      const res = await api()
        .post(`/api/v1/vendors/${vendor.id}/ai-systems`)
        .set(bearer(buyer))
        .send({ name: 'X', version: '1', modelType: 'quantum', hosting: 'cloud' })
        .expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['hosting', 'modelType']);
    });
  });

  describe('intakes and tiering', () => {
    it('tiers solely automated credit decisions on personal data as high-risk and at least high', async () => {
      const system = await newSystem((await newVendor('Credit Co')).id);
      const res = await intake(system.id, {
        decision_impact: 'solely_automated',
        data_sensitivity: 'personal',
        exposure: 'customer_facing',
        annex_iii_area: 'essential_services_credit',
      }).expect(201);
      expect(['high', 'critical']).toContain(res.body.inherentTier);
      expect(res.body.euAiActCategory).toBe('high_risk');
      expect(res.body.canProceed).toBe(true);
      expect(res.body.reasons.map((r: { rule: string }) => r.rule)).toEqual(expect.arrayContaining(['annex-iii-area', 'solely-automated']));
      const after = await api().get(`/api/v1/ai-systems/${system.id}`).set(bearer(auditor)).expect(200);
      expect(after.body).toMatchObject({ inherentTier: res.body.inherentTier, euAiActCategory: 'high_risk' });
    });

    it('tiers an internal FAQ drafter on internal data as low with transparency duties', async () => {
      const system = await newSystem((await newVendor('FAQ Co')).id, { modelType: 'generative' });
      const res = await intake(system.id, { generative: true }).expect(201);
      expect(res.body).toMatchObject({ inherentTier: 'low', euAiActCategory: 'limited_risk', canProceed: true });
    });

    it('marks a prohibited practice as critical and unable to proceed', async () => {
      const system = await newSystem((await newVendor('Prohibited Co')).id);
      const res = await intake(system.id, { prohibited_practice: true }).expect(201);
      expect(res.body).toMatchObject({ inherentTier: 'critical', euAiActCategory: 'prohibited', canProceed: false });
      expect(res.body.reasons[0].reason).toMatch(/Article 5/);
      const read = await api().get(`/api/v1/intakes/${res.body.id}`).set(bearer(auditor)).expect(200);
      expect(read.body).toEqual(res.body);
    });

    it('refuses unknown answer ids and values, naming them, and stores nothing', async () => {
      const system = await newSystem((await newVendor('Bad Answers Co')).id);
      const res = await intake(system.id, { decision_impact: 'sometimes', colour: 'red', generative: 'no' }).expect(400);
      expect(res.body.errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: 'answers.decision_impact' }),
          expect.objectContaining({ field: 'answers.colour', message: 'colour is not a question of the intake form' }),
          expect.objectContaining({ field: 'answers.generative' }),
        ]),
      );
      const list = await api().get(`/api/v1/intakes?aiSystemId=${system.id}`).set(bearer(auditor)).expect(200);
      expect(list.body.items).toEqual([]);
    });

    it('refuses an intake for an AI system that does not exist', async () => {
      const res = await intake(crypto.randomUUID(), {}).expect(422);
      expect(res.body).toMatchObject({ code: 'unknown_reference', errors: [{ field: 'aiSystemId', message: 'no AI system with this id' }] });
    });

    it('publishes the intake form', async () => {
      const form = await api().get('/api/v1/intakes/form').set(bearer(buyer)).expect(200);
      expect(form.body.questions.map((q: { id: string }) => q.id)).toEqual(expect.arrayContaining(Object.keys(plainAnswers)));
      expect(JSON.stringify(form.body)).not.toContain('tiering');
    });

    it('lets only procurement and risk managers file intakes', async () => {
      const system = await newSystem((await newVendor('Roles Co')).id);
      await api().post('/api/v1/intakes').set(bearer(auditor)).send({ aiSystemId: system.id, useCase: 'x', answers: plainAnswers }).expect(403);
      await api().post('/api/v1/intakes').set(bearer(risk)).send({ aiSystemId: system.id, useCase: 'x', answers: plainAnswers }).expect(201);
    });
  });

  describe('inventory and portfolio', () => {
    let fresh: TestApp;
    let token: string;
    beforeAll(async () => {
      fresh = await startTestApp();
      token = (await signIn(fresh, Role.Procurement)).token;
      const post = (path: string, body: object) => fresh.http().post(path).set(bearer(token)).send(body).expect(201);
      const a = (await post('/api/v1/vendors', { legalName: 'Alpha Bank Tools', country: 'DE' })).body;
      const b = (await post('/api/v1/vendors', { legalName: 'Beta =cmd', country: 'US' })).body;
      const s1 = (await post(`/api/v1/vendors/${a.id}/ai-systems`, { name: 'Chat, "helper"', version: '1', modelType: 'generative', hosting: 'vendor_api', foundationModelProviders: ['OpenAI'] })).body;
      const s2 = (await post(`/api/v1/vendors/${b.id}/ai-systems`, { name: 'Writer', version: '3', modelType: 'generative', hosting: 'vendor_saas', foundationModelProviders: ['openai', 'Anthropic'] })).body;
      await post(`/api/v1/vendors/${b.id}/ai-systems`, { name: '@Scorer', version: '1', modelType: 'predictive', hosting: 'self_hosted' });
      await post('/api/v1/intakes', { aiSystemId: s1.id, useCase: 'x', answers: { ...plainAnswers, generative: true } });
      await post('/api/v1/intakes', { aiSystemId: s2.id, useCase: 'x', answers: { ...plainAnswers, annex_iii_area: 'employment' } });
      // An approval that ran out yesterday (decisions are a later feature; the inventory must already show it).
      await fresh.db.query(`UPDATE ai_systems SET approval_status = 'approved', approval_valid_until = current_date - 1 WHERE id = $1`, [s2.id]);
    });
    afterAll(() => fresh.stop());

    it('lists every AI system with vendor, tier and approval, and filters', async () => {
      const all = await fresh.http().get('/api/v1/inventory').set(bearer(token)).expect(200);
      expect(all.body.items).toHaveLength(3);
      const writer = all.body.items.find((i: { name: string }) => i.name === 'Writer');
      expect(writer).toMatchObject({ vendor: { legalName: 'Beta =cmd' }, inherentTier: 'high', euAiActCategory: 'high_risk', approvalStatus: 'expired' });
      const expired = await fresh.http().get('/api/v1/inventory?status=expired').set(bearer(token)).expect(200);
      expect(expired.body.items.map((i: { name: string }) => i.name)).toEqual(['Writer']);
      const approved = await fresh.http().get('/api/v1/inventory?status=approved').set(bearer(token)).expect(200);
      expect(approved.body.items).toEqual([]);
      const openai = await fresh.http().get('/api/v1/inventory?provider=OPENAI').set(bearer(token)).expect(200);
      expect(openai.body.items.map((i: { name: string }) => i.name).sort()).toEqual(['Chat, "helper"', 'Writer']);
      const low = await fresh.http().get('/api/v1/inventory?tier=low').set(bearer(token)).expect(200);
      expect(low.body.items.map((i: { name: string }) => i.name)).toEqual(['Chat, "helper"']);
      const paged = await fresh.http().get('/api/v1/inventory?limit=2').set(bearer(token)).expect(200);
      const rest = await fresh.http().get(`/api/v1/inventory?limit=2&cursor=${paged.body.nextCursor}`).set(bearer(token)).expect(200);
      expect([...paged.body.items, ...rest.body.items].map((i: { id: string }) => i.id)).toEqual(all.body.items.map((i: { id: string }) => i.id));
      expect(rest.body.nextCursor).toBeNull();
      await fresh.http().get('/api/v1/inventory?status=great').set(bearer(token)).expect(400);
    });

    it('exports CSV with quoting and without formula injection', async () => {
      const res = await fresh.http().get('/api/v1/inventory').set(bearer(token)).set('accept', 'text/csv').expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      const lines = res.text.trimEnd().split('\r\n');
      expect(lines[0]).toBe('ai_system_id,ai_system,version,vendor_id,vendor,model_type,hosting,inherent_tier,eu_ai_act_category,approval_status,residual_risk,next_review_date,foundation_model_providers,data_regions');
      expect(lines).toHaveLength(4);
      expect(res.text).toContain('"Chat, ""helper"""');
      expect(res.text).toContain(",'@Scorer,");
      expect(res.text).toContain('openai; Anthropic');
    });

    it('summarises the portfolio with fourth-party concentration', async () => {
      const res = await fresh.http().get('/api/v1/portfolio/summary').set(bearer(token)).expect(200);
      expect(res.body).toMatchObject({
        aiSystems: 3,
        vendors: 2,
        byTier: { low: 1, medium: 0, high: 1, critical: 0, untiered: 1 },
        byApprovalStatus: { not_assessed: 2, expired: 1, approved: 0 },
        byEuAiActCategory: { limited_risk: 1, high_risk: 1 },
        overdueReassessments: 1,
      });
      expect(res.body.concentration).toEqual([
        { provider: 'OpenAI', aiSystems: 2, vendors: 2 },
        { provider: 'Anthropic', aiSystems: 1, vendors: 1 },
      ]);
    });
  });
});
