/**
 * The committed contract passes Spectral (`spectral:oas`), Redocly (`recommended`) and the API's own
 * rules, run as `npm run lint:openapi` runs them; and the lint names the operation of every problem
 * it finds, so that whoever adds a route sees what the route lacks.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Loading both linters takes seconds; a loaded CI machine gets a wide margin. */
const LINT_TIMEOUT_MS = 240_000;

interface LintRun {
  status: number | null;
  problems: string[];
  totals: string[];
}

function lint(file?: string): LintRun {
  const run = spawnSync(process.execPath, ['scripts/lint-openapi.mjs', ...(file ? [file] : [])], { encoding: 'utf8', timeout: LINT_TIMEOUT_MS });
  if (run.error) throw run.error;
  const lines = run.stdout.split('\n').filter(Boolean);
  const isTotal = (line: string) => /^\w+: \d+ errors, \d+ warnings$/.test(line);
  if (run.status !== 0 && !lines.some(isTotal)) throw new Error(`The lint did not run:\n${run.stderr}`);
  return { status: run.status, problems: lines.filter((line) => !isTotal(line)), totals: lines.filter(isTotal) };
}

type Operation = { operationId: string; summary?: string; parameters?: { name: string; schema?: { type?: string } }[]; responses: Record<string, any> };

/** The committed contract with the mistakes a new route typically brings. */
async function contractWithMistakes(): Promise<string> {
  const contract = JSON.parse(await readFile('openapi/openapi.json', 'utf8'));
  const listUsers: Operation = contract.paths['/api/v1/users'].get;
  delete listUsers.summary;
  listUsers.parameters!.find((parameter) => parameter.name === 'limit')!.schema!.type = 'number';
  const downloadReport: Operation = contract.paths['/api/v1/reports/{id}/file'].get;
  downloadReport.responses['404'].content = { 'application/pdf': { schema: { type: 'string', format: 'binary' } } };
  const getUser: Operation = contract.paths['/api/v1/users/{id}'].get;
  delete getUser.responses['200'].headers.ETag.schema;
  delete getUser.responses['429'].headers['Retry-After'];
  const listInventory: Operation = contract.paths['/api/v1/inventory'].get;
  listInventory.responses['200'].content['text/csv'].schema = { $ref: '#/components/schemas/InventoryPage' };
  return JSON.stringify(contract, null, 2);
}

describe('the API contract lint (npm run lint:openapi)', () => {
  it(
    'finds no error and no warning in the committed contract',
    () => {
      const run = lint();
      expect(run.problems).toEqual([]);
      expect(run.totals).toEqual(['spectral: 0 errors, 0 warnings', 'redocly: 0 errors, 0 warnings', 'assay: 0 errors, 0 warnings']);
      expect(run.status).toBe(0);
    },
    LINT_TIMEOUT_MS,
  );

  it(
    'fails on a route without a summary and on the other usual mistakes, naming the operation and what to do',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'assay-openapi-lint-'));
      try {
        const file = join(dir, 'openapi.json');
        await writeFile(file, await contractWithMistakes());
        const run = lint(file);
        expect(run.status).toBe(1);
        const problem = (linter: string, rule: string, where: string) => expect.stringContaining(`${linter} error ${rule}: ${where}`);
        expect(run.problems).toEqual(
          expect.arrayContaining([
            expect.stringMatching(/^redocly error operation-summary: listUsers \(GET \/api\/v1\/users\) at summary: .*@ApiOperation\(\{ summary/),
            problem('assay', 'query-count-integer', 'listUsers (GET /api/v1/users) at parameters.'),
            problem('assay', 'error-is-problem-json', 'downloadReport (GET /api/v1/reports/{id}/file) at responses.404'),
            problem('spectral', 'oas3-schema', 'getUser (GET /api/v1/users/{id}) at responses.200.headers.ETag'),
            problem('redocly', 'struct', 'getUser (GET /api/v1/users/{id}) at responses.200.headers.ETag'),
            problem('assay', 'retry-after-header', 'getUser (GET /api/v1/users/{id}) at responses.429'),
            problem('assay', 'file-is-string', 'listInventory (GET /api/v1/inventory) at responses.200.content.text/csv'),
          ]),
        );
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    LINT_TIMEOUT_MS,
  );
});
