import { ALL_ROLES, Role } from '../../src/auth/roles.js';
import { readContract, routesOf, sampleBody, samplePath, type OpenApiDocument } from '../support/openapi-samples.js';
import { NOT_FOUND_FOR_VENDOR, roleDifference, tableAllows } from '../support/role-table.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, bearer, PASSWORD, signIn, startTestApp, type TestApp } from '../support/test-app.js';

type Caller = Role | 'anonymous';

const CALLERS: Caller[] = [...ALL_ROLES, 'anonymous'];
const document = readContract();
const routes = routesOf(document);

/** Bodies that cannot be made up from the schema; an open route must answer an anonymous caller without 401. */
const KNOWN_BODIES: Record<string, () => unknown> = {
  login: () => ({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
};

const cases = routes.flatMap((route) =>
  CALLERS.map((caller) => {
    // Expectations come from the hand-written role table, never from the contract under test.
    const allowed = tableAllows(route.operation.operationId, caller);
    const who = caller === 'anonymous' ? 'a caller without a token' : `${/^[aeiou]/.test(caller) ? 'an' : 'a'} ${caller}`;
    return { route, caller, allowed, title: `${allowed ? 'lets' : 'refuses'} ${who} ${allowed ? 'call' : 'calling'} ${route.method.toUpperCase()} ${route.path}` };
  }),
);

describe('the access entries of the contract', () => {
  it('lists the roles of every operation that needs a token, and only of those', () => {
    const mismatched = routes.filter(({ operation }) => Boolean(operation['x-roles']) !== Boolean(operation.security?.length));
    expect(mismatched.map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });

  it('names only known roles', () => {
    const known = new Set<string>([...ALL_ROLES, 'any']);
    const unknown = routes.flatMap((r) => (r.operation['x-roles'] ?? []).filter((role) => !known.has(role)));
    expect(unknown).toEqual([]);
  });

  it('keeps the open routes to a short, known list', () => {
    const open = routes.filter((r) => !r.operation['x-roles']).map((r) => `${r.method.toUpperCase()} ${r.path}`);
    expect(open.sort()).toEqual([
      // Single sign-on: the methods the sign-in page offers, and the two legs of the provider's round trip.
      'GET /api/v1/auth/methods',
      'GET /api/v1/auth/oidc/callback',
      'GET /api/v1/auth/oidc/login',
      'GET /health/live',
      'GET /health/ready',
      'POST /api/v1/auth/invitations/accept',
      'POST /api/v1/auth/login',
    ]);
  });
});

describe('access by role, for every route, as the role table says', () => {
  let t: TestApp;
  const emails = new Map<Role, string>();

  beforeAll(async () => {
    t = await startTestApp();
    for (const role of ALL_ROLES) emails.set(role, (await signIn(t, role)).email);
  });
  afterAll(() => t.stop());

  let served: OpenApiDocument | undefined;
  const servedRoutes = async () => routesOf((served ??= (await t.http().get('/openapi.json').expect(200)).body as OpenApiDocument));

  it('serves no operation that the role table lacks', async () => {
    expect((await servedRoutes()).map((r) => roleDifference(r.operation)).filter((line) => line?.includes('missing'))).toEqual([]);
  });

  it.each(routes.map((r) => [r.operation.operationId]))('serves %s with the roles of the role table', async (operationId) => {
    const operation = (await servedRoutes()).find((r) => r.operation.operationId === operationId)?.operation;
    expect(operation ? roleDifference(operation) : `${operationId} is not served`).toBeNull();
  });

  const sessions = new Map<Role, string>();

  /** A working session for the role: a route such as logout may have ended the last one. */
  async function tokenFor(caller: Caller): Promise<string | undefined> {
    if (caller === 'anonymous') return undefined;
    const cached = sessions.get(caller);
    if (cached && (await t.http().get('/api/v1/me').set(bearer(cached))).status === 200) return cached;
    const login = await t.http().post('/api/v1/auth/login').send({ email: emails.get(caller), password: PASSWORD }).expect(200);
    sessions.set(caller, login.body.token);
    return login.body.token as string;
  }

  it.each(cases)('$title', async ({ route, caller, allowed }) => {
    const token = await tokenFor(caller);
    let call = t.http()[route.method as 'get'](samplePath(document, route));
    if (token) call = call.set(bearer(token));
    const body = KNOWN_BODIES[route.operation.operationId]?.() ?? sampleBody(document, route.operation);
    const res = body === undefined ? await call : await call.send(body as object);

    if (allowed && caller === Role.Vendor && NOT_FOUND_FOR_VENDOR.has(route.operation.operationId)) {
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 404, code: 'not_found' });
      return;
    }
    if (allowed) {
      expect({ status: res.status, refused: [401, 403].includes(res.status) }).toEqual({ status: res.status, refused: false });
      expect(res.status).toBeLessThan(500);
      return;
    }
    const [status, code] = caller === 'anonymous' ? [401, 'unauthenticated'] : [403, 'forbidden'];
    expect({ status: res.status, contentType: res.headers['content-type'], code: res.body.code, bodyStatus: res.body.status }).toEqual({
      status,
      contentType: expect.stringMatching(/^application\/problem\+json/),
      code,
      bodyStatus: status,
    });
  });

  it('refuses an unknown token on every route that needs one', async () => {
    for (const route of routes.filter((r) => r.operation['x-roles'])) {
      const res = await t.http()[route.method as 'get'](samplePath(document, route)).set(bearer(`assay_${'A'.repeat(43)}`));
      expect({ route: `${route.method} ${route.path}`, status: res.status, code: res.body.code }).toEqual({
        route: `${route.method} ${route.path}`,
        status: 401,
        code: 'unauthenticated',
      });
    }
  });
});
