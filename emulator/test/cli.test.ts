import { readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from '@supabase/supabase-js';
import { exportJWK, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { freePort, runCli, useCliTestFile } from './support/cli.js';

const ANON_KEY =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0';
const SERVICE_ROLE_KEY =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImV4cCI6MTk4MzgxMjk5Nn0.EGIM96RAZx35lJzdJsyH-qQwv8Hdp7fsn3W0YpN81IU';

const client = (url: string, key = ANON_KEY) =>
  createClient(url, key, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: WebSocket as never },
  });

const { tempDir } = useCliTestFile();

describe('the authlab command', () => {
  it('prints the URL and the Supabase CLI\'s well-known keys, and stops cleanly on Ctrl-C', async () => {
    const port = await freePort();
    const run = runCli(['--port', String(port)]);
    await run.ready;
    const out = run.output();
    expect(out).toContain(`http://127.0.0.1:${port}`);
    expect(out).toContain(ANON_KEY);
    expect(out).toContain(SERVICE_ROLE_KEY);
    expect(out).toContain('super-secret-jwt-token-with-at-least-32-characters-long');
    const health = await fetch(`http://127.0.0.1:${port}/auth/v1/health`, { headers: { apikey: ANON_KEY } });
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ name: 'GoTrue', description: 'GoTrue is a user registration and authentication API' });
    // the flow explorer (built by npm install) is served on the same port, locked down by its CSP
    const explorer = await fetch(`http://127.0.0.1:${port}/_/`);
    expect(explorer.status).toBe(200);
    expect(await explorer.text()).toContain('<div id="root">');
    expect(explorer.headers.get('content-security-policy')).toContain("default-src 'self'");
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
  });

  it('keeps users in --data-dir across a restart', async () => {
    const dataDir = tempDir();
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const first = runCli(['--port', String(port), '--data-dir', dataDir], { AUTHLAB_BCRYPT_COST: '4' });
    await first.ready;
    const { error } = await client(url).auth.signUp({ email: 'kept@example.com', password: 'secret-123' });
    expect(error).toBeNull();
    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);

    const second = runCli(['--port', String(port), '--data-dir', dataDir]);
    await second.ready;
    const signIn = await client(url).auth.signInWithPassword({ email: 'kept@example.com', password: 'secret-123' });
    expect(signIn.error).toBeNull();
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 60_000); // two starts of the CLI, from its TypeScript sources when dist is not current

  it('reads a Supabase project\'s config.toml and says what it applied', async () => {
    const port = await freePort();
    const workdir = fileURLToPath(new URL('./fixtures/custom', import.meta.url));
    const run = runCli(['--workdir', workdir, '--port', String(port), '--inbox-port', '0']);
    await run.ready;
    expect(run.output()).toContain('GOTRUE_MAILER_AUTOCONFIRM=false');
    const settings = await (await fetch(`http://127.0.0.1:${port}/auth/v1/settings`, { headers: { apikey: ANON_KEY } })).json();
    expect(settings).toMatchObject({ mailer_autoconfirm: false, external: { anonymous_users: true } });
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
  });

  it('leaves an app\'s own DATABASE_URL alone and keeps its data in a throwaway copy', async () => {
    const port = await freePort();
    // were it used, this start would fail: nothing listens on port 1
    const run = runCli(['--port', String(port), '--inbox-port', '0'], { DATABASE_URL: 'postgres://app:secret@127.0.0.1:1/app' });
    await run.ready;
    // one word for it, from the first line to the banner
    expect(run.output()).toContain('authlab: starting with PGlite, a throwaway copy (deleted on exit)…');
    expect(run.output()).toContain('Storage: PGlite, a throwaway copy (deleted on exit)');
    expect(run.output()).not.toContain('in memory');
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
  });

  it('takes settings from a -c JSON file over the environment, and with --inbox-port 0 serves mail only under /_/inbox', async () => {
    const dir = tempDir();
    const file = join(dir, 'authlab.json');
    writeFileSync(file, JSON.stringify({ mailerAutoconfirm: false, jwtExp: 90 }));
    const port = await freePort();
    // the flag's file beats GOTRUE_JWT_EXP, as flags beat the environment
    const run = runCli(['-c', file, '--port', String(port), '--inbox-port', '0'], { GOTRUE_JWT_EXP: '3000' });
    await run.ready;
    expect(run.output()).toContain(`Inbox: http://127.0.0.1:${port}/_/inbox (no Mailpit port: --inbox-port 0)`);
    expect(run.output()).not.toContain('Mailpit URL');
    const settings = await (await fetch(`http://127.0.0.1:${port}/auth/v1/settings`, { headers: { apikey: ANON_KEY } })).json();
    expect(settings.mailer_autoconfirm).toBe(false);
    const admin = client(`http://127.0.0.1:${port}`, SERVICE_ROLE_KEY).auth.admin;
    await admin.createUser({ email: 'cfg@example.com', password: 'secret-123', email_confirm: true });
    const { data } = await client(`http://127.0.0.1:${port}`).auth.signInWithPassword({ email: 'cfg@example.com', password: 'secret-123' });
    expect(data.session?.expires_in).toBe(90);
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
  });

  it('honours GOTRUE_* settings, and serves captured mail on Mailpit\'s own port', async () => {
    const port = await freePort();
    const inboxPort = await freePort();
    const run = runCli(['--port', String(port), '--inbox-port', String(inboxPort)], {
      GOTRUE_MAILER_AUTOCONFIRM: 'false',
      GOTRUE_JWT_EXP: '120',
    });
    await run.ready;
    expect(run.output()).toContain(`Mailpit URL: http://127.0.0.1:${inboxPort}`);
    const res = await fetch(`http://127.0.0.1:${port}/auth/v1/settings`, { headers: { apikey: ANON_KEY } });
    expect((await res.json()).mailer_autoconfirm).toBe(false);
    // Mailpit's live events on its port, as its web UI connects to them
    const live = new WebSocket(`ws://127.0.0.1:${inboxPort}/api/events`);
    const firstNew = new Promise<{ Type: string; Data: { Subject: string } }>((resolve) =>
      live.on('message', (data) => {
        const event = JSON.parse(String(data));
        if (event.Type === 'new') resolve(event);
      }),
    );
    await new Promise((resolve, reject) => live.once('open', resolve).once('error', reject));
    const { data } = await client(`http://127.0.0.1:${port}`).auth.signUp({ email: 'c@example.com', password: 'secret-123' });
    expect(data.session).toBeNull();
    expect((await firstNew).Data.Subject).toBe('Confirm Your Email');
    live.close();
    const inbox = await (await fetch(`http://127.0.0.1:${inboxPort}/api/v1/messages`)).json();
    expect(inbox.messages[0]).toMatchObject({ Subject: 'Confirm Your Email', To: [{ Address: 'c@example.com' }] });
    // the link in the mail points at this server, which confirms without an apikey
    const message = await (await fetch(`http://127.0.0.1:${inboxPort}/api/v1/message/latest`)).json();
    const link = /href="([^"]+)"/.exec(message.HTML)![1]!.replaceAll('&amp;', '&');
    expect(link.startsWith(`http://127.0.0.1:${port}/auth/v1/verify?`)).toBe(true);
    expect((await fetch(link, { redirect: 'manual' })).status).toBe(303);
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
  });

  describe('a Ctrl-C right after start-up still shuts down cleanly', () => {
    /** The throwaway database copies of one process, in the OS temp folder. */
    const copiesOf = (pid: number) => readdirSync(tmpdir()).filter((e) => e.startsWith(`authlab-run-${pid}-`));

    it.each([
      ['as the banner appears', 'authlab is running'],
      ['while the database still opens', 'authlab: starting with'],
    ])('%s: exits 0 and leaves no authlab-run copy behind', async (_when, line) => {
      const run = runCli(['--port', String(await freePort())]);
      await new Promise<void>((resolve) => {
        const check = () => run.output().includes(line) && resolve();
        run.child.stdout!.on('data', check);
        run.child.stderr!.on('data', check);
      });
      run.child.kill('SIGINT');
      expect(await run.exited).toBe(0);
      expect(run.output()).toContain('SIGINT, shutting down');
      expect(copiesOf(run.child.pid!)).toEqual([]);
    });
  });

  it('with --port 0, mails links to the port it picked', async () => {
    const run = runCli(['--port', '0'], { GOTRUE_MAILER_AUTOCONFIRM: 'false', AUTHLAB_BCRYPT_COST: '4' });
    await run.ready;
    const url = /API URL: (http:\/\/127\.0\.0\.1:(\d+))/.exec(run.output())![1]!;
    expect(url).not.toBe('http://127.0.0.1:54321');
    const { error } = await client(url).auth.signUp({ email: 'zero@example.com', password: 'secret-123' });
    expect(error).toBeNull();
    const mail = await (await fetch(`${url}/_/inbox/api/v1/message/latest`)).json();
    const link = /href="([^"]+)"/.exec(mail.HTML)![1]!;
    expect(link.startsWith(`${url}/auth/v1/verify?`)).toBe(true);
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
  });

  it('shows a custom JWT secret only as set, and says why the anon and service_role keys changed', async () => {
    const secret = 'my-own-project-secret-that-is-long-enough-1234';
    const run = runCli(['--port', String(await freePort())], { GOTRUE_JWT_SECRET: secret });
    await run.ready;
    expect(run.output()).not.toContain(secret);
    expect(run.output()).toContain('JWT secret: set (your own; not shown)');
    expect(run.output()).not.toContain(ANON_KEY);
    expect(run.output()).toContain('signed with your JWT secret, so they are not the demo keys');
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
  });

  it('says beside the anon and service_role keys that a signing_keys.json re-signed them', async () => {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const file = join(tempDir(), 'signing_keys.json');
    writeFileSync(file, JSON.stringify([{ ...(await exportJWK(privateKey)), kid: 'cli-key', alg: 'ES256', use: 'sig', key_ops: ['sign', 'verify'] }]));
    const run = runCli(['--port', String(await freePort()), '--signing-keys', file]);
    await run.ready;
    expect(run.output()).not.toContain(ANON_KEY);
    expect(run.output()).toContain('re-signed with your first signing key (ES256), as the Supabase CLI does with signing_keys_path');
    // the demo secret itself is still the one in use for HS256, so it is shown
    expect(run.output()).toContain('JWT secret: super-secret-jwt-token-with-at-least-32-characters-long');
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
  });
});
