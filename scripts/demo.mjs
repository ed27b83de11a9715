#!/usr/bin/env node
// `npm run demo`: fills a running Assay, through its HTTP API, with one user per role (known
// passwords), a sample vendor and an assessment sent to it, then prints how to sign in.
// BASE (default http://localhost:3000), ADMIN_EMAIL (default admin@localhost), ADMIN_PASSWORD.
const base = (process.env.BASE ?? 'http://localhost:3000').replace(/\/+$/, '');
const adminEmail = process.env.ADMIN_EMAIL ?? 'admin@localhost';
const adminPassword = process.env.ADMIN_PASSWORD;
const DEMO_PASSWORD = 'demo-password-123';
const STAFF = [
  { role: 'procurement', email: 'procurement@demo.example', name: 'Pat Procurement' },
  { role: 'risk_manager', email: 'risk@demo.example', name: 'Robin Risk' },
  { role: 'auditor', email: 'auditor@demo.example', name: 'Alex Auditor' },
];
const VENDOR_USER = { role: 'vendor', email: 'vendor@demo.example', name: 'Sam Vendor' };
const INTAKE = {
  decision_impact: 'significant',
  data_sensitivity: 'personal',
  exposure: 'customer_facing',
  annex_iii_area: 'essential_services_credit',
  generative: false,
  interacts_with_people: false,
  autonomy: 'suggests_only',
  prohibited_practice: false,
  business_criticality: 'high',
};

async function call(method, path, token, body) {
  const response = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : {};
  return { status: response.status, json };
}

async function expectOk(method, path, token, body) {
  const { status, json } = await call(method, path, token, body);
  if (status >= 300) throw new Error(`${method} ${path} answered ${status}: ${json.detail ?? JSON.stringify(json)}`);
  return json;
}

const login = async (email, password) => (await expectOk('POST', '/auth/login', undefined, { email, password })).token;

/** Creates the user, or leaves it as it is when a demo ran before (409 email_taken). */
async function ensureUser(adminToken, user) {
  const { status, json } = await call('POST', '/users', adminToken, { ...user, password: DEMO_PASSWORD });
  if (status === 409 && json.code === 'email_taken') return 'already there';
  if (status >= 300) throw new Error(`creating ${user.email} answered ${status}: ${json.detail ?? JSON.stringify(json)}`);
  return 'created';
}

async function sampleAssessment(buyer) {
  const vendor = await expectOk('POST', '/vendors', buyer, { legalName: `Demo Scoring ${new Date().toISOString().slice(0, 16)}`, country: 'GB' });
  const contact = await expectOk('POST', `/vendors/${vendor.id}/contacts`, buyer, { name: VENDOR_USER.name, email: `contact+${vendor.id.slice(0, 8)}@demo.example` });
  const system = await expectOk('POST', `/vendors/${vendor.id}/ai-systems`, buyer, { name: 'Credit pre-screen', version: '2.1', modelType: 'predictive', hosting: 'vendor_saas' });
  const intake = await expectOk('POST', '/intakes', buyer, { aiSystemId: system.id, useCase: 'Pre-screen consumer credit applications', answers: INTAKE });
  const dueDate = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const assessment = await expectOk('POST', '/assessments', buyer, { intakeId: intake.id, dueDate, contactIds: [contact.id] });
  await expectOk('POST', `/assessments/${assessment.id}/send`, buyer);
  return { vendor, assessment };
}

async function main() {
  if (!adminPassword) throw new Error('Set ADMIN_PASSWORD to the admin password (printed at the first start, or ASSAY_ADMIN_PASSWORD)');
  const adminToken = await login(adminEmail, adminPassword);
  for (const user of STAFF) console.log(`${user.role.padEnd(13)} ${user.email}: ${await ensureUser(adminToken, user)}`);
  const { vendor, assessment } = await sampleAssessment(await login(STAFF[0].email, DEMO_PASSWORD));
  // A vendor user of the new sample vendor; a repeated demo keeps the first one's vendor.
  console.log(`vendor        ${VENDOR_USER.email}: ${await ensureUser(adminToken, { ...VENDOR_USER, vendorId: vendor.id })}`);
  console.log(`\nSample vendor "${vendor.legalName}" has assessment ${assessment.id} sent and waiting for its answers.`);
  console.log(`Open ${base}/ and sign in with any e-mail above and the password ${DEMO_PASSWORD}.`);
}

main().catch((error) => {
  console.error(`The demo could not be set up: ${error.message}`);
  process.exit(1);
});
