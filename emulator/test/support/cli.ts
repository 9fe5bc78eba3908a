import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach } from 'vitest';
import { cliCommand, cliFile } from './built-cli.js';

export interface CliRun {
  child: ChildProcess;
  /** Everything printed so far, stdout and stderr interleaved. */
  output(): string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  /** Resolves once the CLI says it is running; rejects if it exits first. */
  ready: Promise<void>;
}

const running = new Set<ChildProcess>();

/** Runs the authlab CLI as a user would: compiled when dist is current, else through tsx (see cliCommand). */
export function runCli(args: string[], env: Record<string, string> = {}): CliRun {
  // never Mailpit's own port 54324 unless a test asks for an inbox port: a dev's running stack may hold it
  const inbox = args.includes('--inbox-port') ? [] : ['--inbox-port', '0'];
  const child = spawn(process.execPath, [...cliCommand(), ...args, ...inbox], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.on('exit', () => running.delete(child));
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    const check = () => {
      if (out.includes('authlab is running')) resolve();
    };
    child.stdout!.on('data', check);
    void exited.then((code) => reject(new Error(`authlab (${cliFile()}) exited with ${code} before it was ready:\n${out}`)));
  });
  ready.catch(() => {});
  return { child, output: () => out, exited, ready };
}

/** Kills every CLI a test started and did not stop (one whose assertions failed before it could). */
export function killStrayClis(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}

/** A port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * For a test file that starts CLIs: kills any a failed test left running after each test, and hands
 * out temp folders (data dirs, config files) that go when the file ends.
 */
export function useCliTestFile(): { tempDir(): string } {
  const dirs: string[] = [];
  afterEach(killStrayClis);
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  return {
    tempDir() {
      const dir = mkdtempSync(join(tmpdir(), 'authlab-cli-'));
      dirs.push(dir);
      return dir;
    },
  };
}
