import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { link, mkdir, readFile, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';

/**
 * One process at a time on a DATA_DIR: two PGlite instances writing the same files would corrupt
 * them. The lock is a file naming its holder; a holder that no longer runs (a crash, kill -9, a
 * reboot) leaves a stale lock that the next boot takes over.
 */
export interface DataDirLock {
  file: string;
  release: () => Promise<void>;
}

export class DataDirLockedError extends Error {}

interface Holder {
  pid: number;
  host: string;
  /** Distinguishes this boot of the kernel from the one before a reboot (Linux only). */
  bootId?: string;
  /** The holder's start time in clock ticks since boot, so a reused pid is not mistaken for it (Linux only). */
  startTicks?: string;
  startedAt: string;
}

export const LOCK_FILE = 'assay.lock';
const RECOVERY_GUARD_STALE_MS = 10_000;
const heldHere = new Set<string>();

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return undefined;
  }
}

function startTicks(pid: number): string | undefined {
  const stat = readText(`/proc/${pid}/stat`);
  // Fields after the parenthesised command name; the start time is field 22 of the whole line.
  return stat?.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
}

function self(): Holder {
  return {
    pid: process.pid,
    host: hostname(),
    bootId: readText('/proc/sys/kernel/random/boot_id'),
    startTicks: startTicks(process.pid),
    startedAt: new Date().toISOString(),
  };
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** `true` when the holder may still run, `false` when it certainly does not. */
function holderAlive(file: string, holder: Holder, me: Holder): boolean {
  if (holder.pid === me.pid && holder.host === me.host && holder.bootId === me.bootId) return heldHere.has(file);
  if (holder.bootId && me.bootId && holder.bootId !== me.bootId) {
    // Another kernel: a reboot of this machine, or another machine sharing the directory.
    return holder.host !== me.host;
  }
  if (!running(holder.pid)) return false;
  return !holder.startTicks || !me.startTicks || startTicks(holder.pid) === holder.startTicks;
}

function parseHolder(raw: string | undefined): Holder | undefined {
  try {
    const holder = JSON.parse(raw ?? '') as Holder;
    return Number.isInteger(holder.pid) ? holder : undefined;
  } catch {
    return undefined;
  }
}

/** Writes the lock with its content in one step (link fails when the file exists), never half-written. */
async function tryCreate(file: string, me: Holder): Promise<boolean> {
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await writeFile(draft, JSON.stringify(me), { mode: 0o600 });
  try {
    await link(draft, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(draft).catch(() => undefined);
  }
}

/** Removes a stale lock, one process at a time, and only if it is still the one found stale. */
async function removeStale(file: string, staleRaw: string | undefined): Promise<void> {
  const guard = `${file}.recovering`;
  for (let attempt = 0; ; attempt++) {
    try {
      await mkdir(guard);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = Date.now() - (await stat(guard).then((s) => s.mtimeMs, () => Date.now()));
      if (age > RECOVERY_GUARD_STALE_MS) await rm(guard, { recursive: true, force: true });
      else if (attempt > 100) throw new DataDirLockedError(`${guard} is held by another process recovering the lock`);
      else await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  try {
    if (readText(file) === staleRaw) await rm(file, { force: true });
  } finally {
    await rm(guard, { recursive: true, force: true });
  }
}

function lockedMessage(dataDir: string, holder: Holder | undefined, file: string): string {
  const who = holder ? `process ${holder.pid} on ${holder.host}, running since ${holder.startedAt}` : 'another process';
  return (
    `DATA_DIR ${dataDir} is in use by ${who}. The embedded database allows one Assay process per DATA_DIR: ` +
    `stop that process, or give this one another DATA_DIR (several processes need DATABASE_URL). ` +
    `If no such process runs, delete ${file}.`
  );
}

/** Takes the lock on `dataDir` or throws DataDirLockedError naming the process that holds it. */
export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  const file = join(dataDir, LOCK_FILE);
  const me = self();
  for (let attempt = 0; attempt < 5; attempt++) {
    if (await tryCreate(file, me)) {
      heldHere.add(file);
      const mine = JSON.stringify(me);
      return {
        file,
        release: async () => {
          heldHere.delete(file);
          if (readText(file) === mine) await rm(file, { force: true });
        },
      };
    }
    const raw = await readFile(file, 'utf8').then((text) => text.trim(), () => undefined);
    const holder = parseHolder(raw);
    if (holder && holderAlive(file, holder, me)) throw new DataDirLockedError(lockedMessage(dataDir, holder, file));
    await removeStale(file, raw);
  }
  throw new DataDirLockedError(lockedMessage(dataDir, undefined, file));
}
