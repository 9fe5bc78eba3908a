import { randomUUID } from 'node:crypto';
import { closeSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/**
 * One template build per cache folder at a time, across processes (two Playwright workers, a Vitest
 * pool): the first takes `<name>.lock` (created exclusively, holding its pid), the others wait for
 * the template it publishes. A lock whose owner is gone is taken over. Correctness never rests on
 * the lock: builds happen in a private folder renamed into place, so without one (a read-only
 * folder) two builds merely cost twice the time.
 */

const POLL_MS = 100;
/** An owner on another host cannot be asked whether it is alive; no build takes this long. */
const OLDEST_LOCK_MS = 10 * 60 * 1000; // 10 minutes
/** A lock file is created and then written: an empty one is only stale after this grace. */
export const UNWRITTEN_LOCK_MS = 5 * 1000; // 5 seconds
/** A staging folder older than this is stale even if its pid is alive again (a reused pid). */
const OLDEST_STAGING_MS = 60 * 60 * 1000; // 1 hour

interface Owner {
  pid: number;
  host: string;
  token: string;
}

export interface LockOptions<T> {
  /** The finished result, if it exists already (checked before and after taking the lock). */
  ready(): T | undefined;
  /** Produces it; runs while the lock is held. */
  run(): Promise<T>;
  /** Called once when another process holds the lock and this one starts waiting. */
  onWait?(owner: number | undefined): void;
  /** How long to wait for another process before giving up. */
  timeoutMs?: number;
}

export async function withLock<T>(lockPath: string, options: LockOptions<T>): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 5 * 60 * 1000);
  let waiting = false;
  for (;;) {
    const done = options.ready();
    if (done !== undefined) return done;
    const lock = acquire(lockPath);
    if (lock !== 'held') {
      try {
        return options.ready() ?? (await options.run());
      } finally {
        if (lock !== 'unavailable') release(lockPath, lock);
      }
    }
    const owner = readOwner(lockPath);
    if (isStaleLock(lockPath, owner)) {
      removeQuietly(lockPath);
      continue;
    }
    if (!waiting) options.onWait?.(owner?.pid);
    waiting = true;
    if (Date.now() > deadline) {
      throw new Error(
        `authlab: process ${owner?.pid ?? '?'} has held ${lockPath} for too long while building the database template; delete the file if that process is gone`,
      );
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/** The owner token when taken, 'held' when another process has it, 'unavailable' when no lock can be made here. */
function acquire(lockPath: string): string | 'held' | 'unavailable' {
  const owner: Owner = { pid: process.pid, host: hostname(), token: randomUUID() };
  let fd: number;
  try {
    fd = openSync(lockPath, 'wx');
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EEXIST' ? 'held' : 'unavailable';
  }
  try {
    writeSync(fd, JSON.stringify(owner));
  } finally {
    closeSync(fd);
  }
  return owner.token;
}

/** Removes the lock only if it is still ours: a waiter may have judged it stale and taken it. */
function release(lockPath: string, token: string) {
  if (readOwner(lockPath)?.token === token) removeQuietly(lockPath);
}

/** The JSON a lock file's owner wrote in it (at least its pid); undefined while empty or unreadable. */
export function readLockOwner<T extends { pid: number }>(lockPath: string): T | undefined {
  try {
    const owner = JSON.parse(readFileSync(lockPath, 'utf8')) as T;
    return typeof owner.pid === 'number' ? owner : undefined;
  } catch {
    return undefined;
  }
}

const readOwner = (lockPath: string) => readLockOwner<Owner>(lockPath);

export function ageMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

export function isStaleLock(lockPath: string, owner = readOwner(lockPath)): boolean {
  const age = ageMs(lockPath);
  if (!owner) return age > UNWRITTEN_LOCK_MS;
  if (age > OLDEST_LOCK_MS) return true;
  return owner.host === hostname() && !isAlive(owner.pid);
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: alive, but another user's
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Deletes what cannot be removed only by skipping it: in a shared temp folder another user's files
 * answer EACCES, and someone else's leftovers must never fail this start.
 */
export function removeQuietly(path: string): void {
  try {
    rmSync(path, { recursive: true, force: true });
  } catch {
    // not ours to delete (EACCES, EPERM) or busy; whoever owns it cleans it
  }
}

/**
 * Clears a cache folder of everything but the current template: older templates, staging folders
 * of builds whose process is gone, abandoned locks, and templates set aside as damaged.
 */
export function sweepTemplates(root: string, keep: string): void {
  let entries: string[];
  try {
    entries = readdirSync(root);
  } catch {
    return;
  }
  for (const entry of entries) {
    if (!entry.startsWith('pg-template-') || entry === keep) continue;
    const path = join(root, entry);
    const staging = /\.building-(\d+)-\d+$/.exec(entry);
    if (staging) {
      if (!isAlive(Number(staging[1])) || ageMs(path) > OLDEST_STAGING_MS) removeQuietly(path);
    } else if (entry.endsWith('.lock')) {
      if (isStaleLock(path)) removeQuietly(path);
    } else {
      // an older schema or PGlite version, the old layout, or one set aside as damaged
      removeQuietly(path);
    }
  }
}

export const stagingName = (name: string) => `${name}.building-${process.pid}-${Date.now()}`;
export const setAsideName = (name: string) => `${name}.damaged-${process.pid}-${Date.now()}`;
export const lockName = (name: string) => `${name}.lock`;
