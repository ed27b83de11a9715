/**
 * The README's "First ten minutes" run as a newcomer pastes them into bash, and `npm run demo`,
 * both against a running Assay over HTTP.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, type TestApp } from '../support/test-app.js';

const run = promisify(execFile);

/** The shell blocks of a README section, in order. */
function shellBlocks(heading: string): string[] {
  const readme = readFileSync('README.md', 'utf8');
  const start = readme.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`README.md has no section "${heading}"`);
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1]);
}

describe('README: first ten minutes', () => {
  let t: TestApp;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    t = await startTestApp();
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    env = { PATH: process.env.PATH, HOME: process.env.HOME, BASE: `http://127.0.0.1:${port}`, ADMIN_EMAIL, ADMIN_PASSWORD };
  });
  afterAll(() => t?.stop());

  it('creates a procurement user, a vendor, an AI system, an intake and an assessment, and sends it', async () => {
    const [walkthrough] = shellBlocks('First ten minutes');
    const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', walkthrough], { env, timeout: 60_000 });
    expect(stdout.trim().split('\n').at(-1)).toBe('sent');
    const sent = await t.db.query(`SELECT count(*)::int AS n FROM assessments WHERE status = 'sent'`);
    expect(sent[0].n).toBe(1);
  });

  it('npm run demo creates one user per role and a sent assessment, and can run again', async () => {
    const first = await run(process.execPath, ['scripts/demo.mjs'], { env, timeout: 60_000 });
    expect(first.stdout).toContain('sign in with any e-mail above and the password demo-password-123');
    for (const email of ['procurement@demo.example', 'risk@demo.example', 'auditor@demo.example', 'vendor@demo.example']) {
      expect((await t.http().post('/api/v1/auth/login').send({ email, password: 'demo-password-123' })).status).toBe(200);
    }
    const again = await run(process.execPath, ['scripts/demo.mjs'], { env, timeout: 60_000 });
    expect(again.stdout).toContain('procurement@demo.example: already there');
  });

  it('fails with a message, not a half-made setup, when ADMIN_PASSWORD is not set', async () => {
    const [walkthrough] = shellBlocks('First ten minutes');
    const { ADMIN_PASSWORD: _, ...without } = env;
    await expect(run('bash', ['-euo', 'pipefail', '-c', walkthrough], { env: without, timeout: 30_000 })).rejects.toMatchObject({
      stderr: expect.stringContaining('set ADMIN_PASSWORD'),
    });
  });

  // Last: the admin's password changes under the other tests.
  it('changes the admin password as the README says', async () => {
    const [walkthrough, changePassword] = shellBlocks('First ten minutes');
    // With the admin's token, as the README's comment asks: the walk-through up to the admin's sign-in.
    const asAdmin = walkthrough.slice(0, walkthrough.indexOf('BUYER_EMAIL='));
    await run('bash', ['-euo', 'pipefail', '-c', `${asAdmin}\n${changePassword}`], { env, timeout: 30_000 });
    const login = (password: string) => t.http().post('/api/v1/auth/login').send({ email: ADMIN_EMAIL, password });
    expect((await login('a-new-admin-password')).status).toBe(200);
    expect((await login(ADMIN_PASSWORD)).status).toBe(401);
  });
});
