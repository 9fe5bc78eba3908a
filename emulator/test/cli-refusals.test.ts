import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort, runCli, useCliTestFile } from './support/cli.js';

// The authlab command's refusals, each a start that exits 1: apart from cli.test.ts so that the two
// files' dozen-odd CLI starts each keep a worker busy instead of one file queueing them all.

const { tempDir } = useCliTestFile();

describe('the authlab command refuses to start', () => {
  it('says so, without a stack trace, when the port is taken', async () => {
    const blocker = createServer();
    const port = await new Promise<number>((resolve) =>
      blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as { port: number }).port)),
    );
    try {
      const run = runCli(['--port', String(port)]);
      expect(await run.exited).toBe(1);
      expect(run.output()).toContain(`port ${port} on 127.0.0.1 is already in use`);
      expect(run.output()).not.toMatch(/\n\s+at /);
    } finally {
      blocker.close();
    }
  });

  it('refuses a data dir that is a file', async () => {
    const file = join(tempDir(), 'not-a-dir');
    writeFileSync(file, 'x');
    const run = runCli(['--data-dir', file, '--port', String(await freePort())]);
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain('exists and is not a directory');
  });

  it('lists every bad setting from the environment by its GOTRUE_ name', async () => {
    const run = runCli(['--port', String(await freePort())], { GOTRUE_JWT_EXP: 'soon', GOTRUE_SITE_URL: 'nowhere' });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain('GOTRUE_JWT_EXP');
    expect(run.output()).toContain('GOTRUE_SITE_URL');
    expect(run.output()).not.toMatch(/\n\s+at /);
  });

  describe('refuses bad input with one line that says what to fix', () => {
    const missing = () => join(tempDir(), 'nope.json');
    const typo = () => {
      const file = join(tempDir(), 'authlab.json');
      writeFileSync(file, JSON.stringify({ mailerAutoConfirm: false, GOTRUE_JWT_EXP: 60 }));
      return file;
    };
    const cases: [string, () => string[], Record<string, string>, string][] = [
      ['PORT=abc', () => [], { PORT: 'abc' }, 'PORT must be a port number from 0 to 65535, got "abc"'],
      ['-p -5', () => ['-p', '-5'], {}, '--port must be a port number from 0 to 65535, got "-5"'],
      ['--port 70000', () => ['--port', '70000'], {}, '--port must be a port number from 0 to 65535, got "70000"'],
      ['--host 999.1.1.1', () => ['--host', '999.1.1.1'], {}, '--host must be an IP address or a host name such as 127.0.0.1'],
      ['-c with a missing file', () => ['-c', missing()], {}, 'there is no file'],
      ['-c with a folder', () => ['-c', tempDir()], {}, 'is a folder; give the JSON file of settings'],
      [
        '-c with unknown keys',
        () => ['-c', typo()],
        {},
        '"mailerAutoConfirm" is not a setting (did you mean "mailerAutoconfirm"?); "GOTRUE_JWT_EXP" is not a setting (did you mean "jwtExp"?)',
      ],
      ['an unknown flag', () => ['--prot', '1'], {}, "Unknown option '--prot' (see authlab --help)"],
    ];
    it.each(cases)('%s', async (_name, args, env, message) => {
      const run = runCli(args(), env);
      expect(await run.exited).toBe(1);
      const lines = run.output().trim().split('\n');
      expect(lines.at(-1)).toContain(message);
      expect(lines.at(-1)).toMatch(/^authlab: /);
      expect(run.output()).not.toMatch(/\n\s+at /);
      expect(run.output()).not.toContain('authlab is running');
    });
  });
});
