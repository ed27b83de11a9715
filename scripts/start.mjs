#!/usr/bin/env node
// `npm start`, `start:api`, `start:worker`: builds only what changed since the last build, then runs
// the server in this very process, so SIGTERM and SIGINT sent to `npm start` reach its handlers.
// `--build-only` builds and stops. ASSAY_SKIP_BUILD=1 skips the check (an image or a test that ships a build); ASSAY_DIST_DIR
// runs a build that lives elsewhere than dist/.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compile } from './compile.mjs';

const root = resolve(import.meta.dirname, '..');
const dist = resolve(root, process.env.ASSAY_DIST_DIR ?? 'dist');
const STAMP = join(dist, '.build-stamp.json');
const SHARED_INPUTS = ['tsconfig.json', 'package-lock.json'];

/** Each build, the files it reads and what it runs; the stamp holds the newest input time per build. */
const BUILDS = [
  {
    name: 'server',
    inputs: ['src', 'migrations', 'tsconfig.build.json', ...SHARED_INPUTS],
    output: join('src', 'main.js'),
    command: ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'],
  },
  {
    name: 'portal',
    inputs: ['web', ...SHARED_INPUTS],
    output: join('web', 'index.html'),
    command: ['node_modules/vite/bin/vite.js', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
  },
];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), info.mtimeMs);
}

function readStamp() {
  try {
    return JSON.parse(readFileSync(STAMP, 'utf8'));
  } catch {
    return {};
  }
}

function note(message) {
  // The server's own log lines are JSON; so are the launcher's.
  process.stdout.write(`${JSON.stringify({ level: 30, time: new Date().toISOString(), service: 'assay', context: 'start', msg: message })}\n`);
}

function buildWhatChanged() {
  const stamp = readStamp();
  for (const build of BUILDS) {
    const newest = Math.max(...build.inputs.map((input) => newestMtime(join(root, input))));
    if (stamp[build.name] === newest && existsSync(join(dist, build.output))) continue;
    note(`building the ${build.name}: its sources changed since the last build`);
    if (compile(build.command, root) !== 0) {
      process.stderr.write(`The ${build.name} build failed; fix the errors above and start again.\n`);
      process.exit(1);
    }
    stamp[build.name] = newest;
    writeFileSync(STAMP, `${JSON.stringify(stamp, null, 2)}\n`);
  }
}

// `--build-only` (npm test): bring dist/ up to date and write the stamp, so the next start builds nothing.
if (process.argv[2] === '--build-only') {
  buildWhatChanged();
  process.exit(0);
}
if (process.env.ASSAY_SKIP_BUILD !== '1') buildWhatChanged();
await import(pathToFileURL(join(dist, 'src', 'main.js')).href);
