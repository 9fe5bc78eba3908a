import { randomUUID } from 'node:crypto';
import { closeSync, linkSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { ageMs, isAlive, readLockOwner, UNWRITTEN_LOCK_MS } from './template-lock.js';

/**
 * One process at a time per --data-dir. PGlite is Postgres in a single process with no shared
 * memory: two processes on one directory each see only their own writes, and whichever stops last
 * overwrites the other's (a review lost 100 of 200 acknowledged sign-ups that way). So the first
 * process takes `authlab.lock` in the directory (created exclusively, holding its pid), and a second
 * one is refused with a message that names the owner. A lock left by a killed process (its pid is
 * gone) is taken over.
 */

export const DATA_DIR_LOCK = 'authlab.lock';

interface Owner {
  pid: number;
  host: string;
  startedAt: string;
  token: string;
}

export class DataDirInUseError extends Error {}

/** Takes the directory for this process; returns the function that gives it back. */
export function lockDataDir(dir: string): () => void {
  const path = join(dir, DATA_DIR_LOCK);
  // a new data directory is made here, as the template copy into it would
  mkdirSync(dir, { recursive: true });
  for (let attempt = 0; attempt < 50; attempt++) {
    const taken = tryCreate(path);
    if (taken) return releaser(path, taken);
    const owner = readOwner(path);
    if (!owner) {
      if (ageMs(path) < UNWRITTEN_LOCK_MS) {
        sleepSync(100); // its owner is writing it right now
        continue;
      }
    } else if (owner.host !== hostname() || isAlive(owner.pid)) {
      throw new DataDirInUseError(inUseMessage(dir, path, owner));
    }
    takeOverStale(path, owner);
  }
  throw new DataDirInUseError(`${dir} is being opened by other processes at the same time; try again`);
}

function tryCreate(path: string): Owner | undefined {
  const owner: Owner = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), token: randomUUID() };
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return undefined;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      throw new Error(`${path}: permission denied (${code}); authlab needs to write in its data directory: make it writable, or pick another --data-dir`);
    }
    throw e;
  }
  try {
    writeSync(fd, JSON.stringify(owner));
  } finally {
    closeSync(fd);
  }
  return owner;
}

/**
 * Moves the stale lock aside, then checks that what moved was that stale lock: if another process
 * took it over in between, its fresh lock is put back, and the next attempt sees it alive.
 */
function takeOverStale(path: string, stale: Owner | undefined) {
  const aside = `${path}.stale-${process.pid}-${randomUUID()}`;
  try {
    renameSync(path, aside);
  } catch {
    return; // gone already: someone else took it over or released it
  }
  const moved = readOwner(aside);
  if (moved && moved.token !== stale?.token) {
    try {
      linkSync(aside, path);
    } catch {
      // a third process holds the name now; the next attempt reads it
    }
  }
  rmSync(aside, { force: true });
}

function releaser(path: string, owner: Owner): () => void {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    // only if it is still ours
    if (readOwner(path)?.token === owner.token) rmSync(path, { force: true });
  };
  // a process that exits without closing the emulator leaves no lock behind
  process.on('exit', release);
  return release;
}

function inUseMessage(dir: string, path: string, owner: Owner): string {
  const who = owner.pid === process.pid ? 'this very process (an emulator that was not closed)' : `another authlab (pid ${owner.pid}${owner.host !== hostname() ? ` on ${owner.host}` : ''}, since ${owner.startedAt})`;
  return (
    `${dir} is in use by ${who}. Two processes on one data directory would lose each other's writes. ` +
    `Stop that one first, or give this one another --data-dir (or --database-url, which several processes may share). ` +
    `If no authlab is using it, delete ${path}.`
  );
}

function readOwner(path: string): Owner | undefined {
  const owner = readLockOwner<Owner>(path);
  return typeof owner?.token === 'string' ? owner : undefined;
}

function sleepSync(ms: number) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
