#!/usr/bin/env node
// `npm run lint:openapi`: lints the committed contract (openapi/openapi.json) with Spectral's
// `spectral:oas` ruleset (settings in .spectral.yaml), Redocly's `recommended` ruleset (settings
// in redocly.yaml), both offline through the linters' own libraries, and the API's own rules that
// neither linter knows. Prints one line per problem and exits 1 on any error or warning: a rule
// that should not apply is turned off, with the reason, in its linter's settings file.
// test/unit/openapi-lint.spec.ts imports `lintOpenApi`.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { parse as parseYaml } from 'yaml';

const require = createRequire(import.meta.url);
const root = resolve(fileURLToPath(import.meta.url), '..', '..');
const SPECTRAL_SEVERITIES = ['error', 'warning', 'info', 'hint'];

/** The problems of one document: `{ linter, severity, rule, where, message }`, where says the operation. */
export async function lintOpenApi(file = resolve(root, 'openapi/openapi.json')) {
  const text = await readFile(file, 'utf8');
  const contract = JSON.parse(text);
  const [spectral, redocly] = await Promise.all([lintWithSpectral(text, file), lintWithRedocly(file)]);
  return [...spectral, ...redocly, ...houseRules(contract)].map((problem) => ({ ...problem, where: whereIs(contract, problem.path) }));
}

/**
 * .spectral.yaml as the Spectral CLI reads it: `extends: spectral:oas` and rule severities. Read
 * here without the CLI's bundler, so only those two keys are understood; anything else is refused
 * rather than silently ignored.
 */
async function spectralRuleset() {
  const config = parseYaml(await readFile(resolve(root, '.spectral.yaml'), 'utf8')) ?? {};
  const unknown = Object.keys(config).filter((key) => key !== 'extends' && key !== 'rules');
  const extended = [config.extends].flat();
  if (unknown.length || extended.length !== 1 || extended[0] !== 'spectral:oas') {
    throw new Error('.spectral.yaml: only `extends: spectral:oas` and `rules: { name: severity }` are supported');
  }
  const { oas } = require('@stoplight/spectral-rulesets');
  return { extends: [[oas, 'recommended']], rules: config.rules ?? {} };
}

async function lintWithSpectral(text, file) {
  const { Spectral, Document } = require('@stoplight/spectral-core');
  const Parsers = require('@stoplight/spectral-parsers');
  const spectral = new Spectral();
  spectral.setRuleset(await spectralRuleset());
  const results = await spectral.run(new Document(text, Parsers.Json, file));
  return results.map((result) => ({
    linter: 'spectral',
    severity: SPECTRAL_SEVERITIES[result.severity],
    rule: String(result.code),
    path: result.path.map(String),
    message: result.message,
  }));
}

async function lintWithRedocly(file) {
  const { lint, loadConfig } = await import('@redocly/openapi-core');
  const config = await loadConfig({ configPath: resolve(root, 'redocly.yaml') });
  const problems = await lint({ ref: file, config });
  return problems
    .filter((problem) => problem.ignored !== true && problem.severity !== 'off')
    .map((problem) => ({
      linter: 'redocly',
      severity: problem.severity === 'warn' ? 'warning' : problem.severity,
      rule: problem.ruleId,
      path: pointerPath(problem.location[0]?.pointer ?? ''),
      message: problem.message,
    }));
}

const ERROR_MEDIA_TYPE = 'application/problem+json';

/** What the API promises beyond the OpenAPI rulesets: problem+json errors, Retry-After, typed files, integer counts. */
function houseRules(contract) {
  const problems = [];
  const report = (path, rule, message) => problems.push({ linter: 'assay', severity: 'error', rule, path, message });
  for (const [route, item] of Object.entries(contract.paths ?? {})) {
    for (const [method, operation] of Object.entries(item)) {
      const at = (...rest) => ['paths', route, method, ...rest];
      for (const [index, parameter] of (operation.parameters ?? []).entries()) {
        if (parameter.in === 'query' && parameter.schema?.type === 'number') {
          report(at('parameters', String(index)), 'query-count-integer', `query parameter \`${parameter.name}\` is a number; counts and sizes are \`type: 'integer'\``);
        }
      }
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        const mediaTypes = Object.keys(response.content ?? {});
        const isError = Number(status) >= 400;
        if (isError && mediaTypes.some((type) => type !== ERROR_MEDIA_TYPE)) {
          report(at('responses', status), 'error-is-problem-json', `the ${status} response is declared as ${mediaTypes.join(', ')}; errors are sent as ${ERROR_MEDIA_TYPE} only`);
        }
        if (isError && ['429', '503'].includes(status) && mediaTypes.length && !response.headers?.['Retry-After']?.schema) {
          report(at('responses', status), 'retry-after-header', `the ${status} response does not declare the Retry-After header`);
        }
        for (const [type, media] of Object.entries(response.content ?? {})) {
          if (!isError && !/json/.test(type) && media.schema?.type !== 'string') {
            report(at('responses', status, 'content', type), 'file-is-string', `${type} is declared with a non-string schema; a file or text body is \`type: string\``);
          }
        }
      }
    }
  }
  return problems;
}

function pointerPath(pointer) {
  return pointer
    .replace(/^#\/?/, '')
    .split('/')
    .filter(Boolean)
    .map((part) => decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** "listInventory (GET /api/v1/inventory)" for problems inside an operation, else the JSON path. */
function whereIs(contract, path) {
  if (path[0] === 'paths' && path.length >= 3) {
    const operation = contract.paths?.[path[1]]?.[path[2]];
    if (operation?.operationId) return `${operation.operationId} (${path[2].toUpperCase()} ${path[1]}) at ${path.slice(3).join('.') || 'the operation'}`;
  }
  return path.join('.') || 'the document';
}

/** What to change in the code for the problems a new route is most likely to have. */
const HINTS = {
  'operation-summary': "give the route `@ApiOperation({ summary: '…' })`, then `npm run openapi`",
  'operation-tag-defined': 'declare the tag, with a description, in TAGS in src/openapi.ts',
  'query-count-integer': "give the property `@ApiPropertyOptional({ type: 'integer' })`",
  'file-is-string': 'declare the file with ApiFileResponse (src/common/api-docs.ts)',
};

export function formatProblem(problem) {
  const hint = HINTS[problem.rule] ? ` (${HINTS[problem.rule]})` : '';
  return `${problem.linter} ${problem.severity} ${problem.rule}: ${problem.where}: ${problem.message}${hint}`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const problems = await lintOpenApi(process.argv[2] ? resolve(process.argv[2]) : undefined);
  for (const problem of problems) process.stdout.write(`${formatProblem(problem)}\n`);
  const count = (linter, severity) => problems.filter((p) => p.linter === linter && p.severity === severity).length;
  for (const linter of ['spectral', 'redocly', 'assay']) {
    process.stdout.write(`${linter}: ${count(linter, 'error')} errors, ${count(linter, 'warning')} warnings\n`);
  }
  process.exit(problems.some((problem) => problem.severity === 'error' || problem.severity === 'warning') ? 1 : 0);
}
