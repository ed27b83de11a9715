// One build step of `npm start` (tsc, vite), run with node. The compilers print their progress and
// errors on stdout; here both go to stderr, so that the launcher's stdout carries the server's JSON
// log lines only.
import { spawnSync } from 'node:child_process';

/** Runs `node <args>` in `cwd` and returns its exit status. */
export function compile(args, cwd = process.cwd()) {
  return spawnSync(process.execPath, args, { cwd, stdio: ['ignore', process.stderr, process.stderr] }).status;
}
