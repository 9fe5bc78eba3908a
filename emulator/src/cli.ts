#!/usr/bin/env node
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { EXPLORER_DIR, withExplorer } from './adapters/explorer-files.js';
import { inboxEventsUpgrade } from './adapters/inbox-events-ws.js';
import { listen, PortInUseError } from './adapters/node-server.js';
import { ConfigError, DEFAULT_HOST, DEFAULT_INBOX_PORT, DEFAULT_PORT } from './config.js';
import { describeDatabaseUrl } from './db/database-url.js';
import { createEmulator, type Emulator } from './index.js';
import type { Jwk } from './tokens/keys.js';

const HELP = `authlab — a local Supabase Auth (GoTrue) emulator

Usage: authlab [options]

Options:
  -p, --port <n>        port to listen on (default ${DEFAULT_PORT}, as supabase start)
      --host <addr>     address to bind (default ${DEFAULT_HOST})
  -d, --data-dir <dir>  keep data in this directory across restarts (default: a throwaway copy,
                        deleted on exit)
      --database-url <url>
                        keep data in a PostgreSQL database instead (postgres://user:pass@host/db),
                        which several authlab processes can share (default: $AUTHLAB_DATABASE_URL if set)
  -c, --config <file>   JSON file of settings by GoTrue name, e.g. {"mailerAutoconfirm": false}
      --inbox-port <n>  port of the Mailpit-compatible inbox (default ${DEFAULT_INBOX_PORT}, as supabase start); 0 = off
      --workdir <dir>   Supabase project whose supabase/config.toml to read
                        (default: ./supabase/config.toml when there is one)
      --signing-keys <file|supabase-cli>
                        sign access tokens with asymmetric keys: a JSON array of JWKs as
                        \`supabase gen signing-key\` writes ([auth] signing_keys_path; the API
                        keys are then signed with its first key), or "supabase-cli" for the
                        ES256 key a plain \`supabase start\` uses (default: the HS256 JWT secret)
      --generate-keys   sign with a fresh ES256 key (kept in --data-dir when given)
  -h, --help            show this help

Every GoTrue setting can also be set by its environment variable, e.g.
  GOTRUE_MAILER_AUTOCONFIRM=false GOTRUE_JWT_EXP=60 authlab
`;

class CliError extends Error {}

function parse() {
  try {
    return parseArgs({
      options: {
        port: { type: 'string', short: 'p' },
        host: { type: 'string' },
        'data-dir': { type: 'string', short: 'd' },
        'database-url': { type: 'string' },
        config: { type: 'string', short: 'c' },
        'inbox-port': { type: 'string' },
        workdir: { type: 'string' },
        'signing-keys': { type: 'string' },
        'generate-keys': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (e) {
    throw new CliError(`${(e as Error).message}\n\n${HELP}`);
  }
}

function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new CliError(`cannot read config file ${path}`);
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
    return parsed as Record<string, unknown>;
  } catch (e) {
    throw new CliError(`config file ${path} is not a JSON object: ${(e as Error).message}`);
  }
}

function prepareDataDir(dir: string): string {
  const path = resolve(dir);
  if (existsSync(path) && !statSync(path).isDirectory()) throw new CliError(`--data-dir ${path} exists and is not a directory`);
  try {
    mkdirSync(path, { recursive: true });
  } catch (e) {
    throw new CliError(`cannot create data directory ${path}: ${(e as Error).message}`);
  }
  return path;
}

/** The inbox on Mailpit's own port, so tools configured for `supabase start` find it. A clash only warns. */
async function listenInbox(emulator: Emulator, port: number, host: string) {
  try {
    return await listen(emulator.inboxFetch, { port, host, upgrade: inboxEventsUpgrade(emulator.inboxEvents, ['/api/events']) });
  } catch (e) {
    if (!(e instanceof PortInUseError)) throw e;
    process.stderr.write(`authlab: port ${port} is taken, so the inbox is only served under /_/inbox (or pick --inbox-port)\n`);
    return undefined;
  }
}

/**
 * --signing-keys / --generate-keys as a setting. A generated key lives in the data directory, so
 * tokens (and the API keys signed with it) stay valid across restarts; without one it is in memory.
 */
function signingKeysOption(args: ReturnType<typeof parse>, dataDir: string | undefined) {
  const given = args['signing-keys'];
  if (given !== undefined && args['generate-keys']) throw new CliError('use either --signing-keys or --generate-keys, not both');
  if (given !== undefined) {
    if (given === 'supabase-cli') return { signingKeys: given };
    const path = resolve(given);
    if (!existsSync(path)) throw new CliError(`--signing-keys: no file ${path} (or pass "supabase-cli")`);
    return { signingKeys: path };
  }
  if (!args['generate-keys']) return {};
  // a key generated earlier into the data directory is used again (see keepGeneratedKeys)
  const kept = dataDir && join(dataDir, SIGNING_KEYS_FILE);
  if (kept && existsSync(kept)) return { signingKeys: kept };
  if (!dataDir) process.stderr.write('authlab: the generated signing key lives in memory for this run; add --data-dir to keep it\n');
  return { signingKeys: 'generate' };
}

const SIGNING_KEYS_FILE = 'signing_keys.json';

/** Saves a generated key in the data directory (once the database is there), as the CLI's signing_keys.json. */
function keepGeneratedKeys(keys: Jwk[] | undefined, dataDir: string | undefined) {
  if (!keys || !dataDir) return;
  const path = join(dataDir, SIGNING_KEYS_FILE);
  writeFileSync(path, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
  process.stderr.write(`authlab: generated an ES256 signing key, kept in ${path}\n`);
}

function row(label: string, value: string) {
  return `${label.padStart(18)}: ${value}`;
}

async function main() {
  const args = parse();
  if (args.help) {
    process.stdout.write(HELP);
    return;
  }
  // precedence: flags > environment (GOTRUE_*, PORT) > supabase/config.toml > defaults
  const workdir = args.workdir ?? (existsSync(resolve('supabase', 'config.toml')) ? '.' : undefined);
  // loaded only for projects that have a config.toml: every start pays for what it imports
  const { formatSupabaseReport, loadSupabaseConfig } = workdir !== undefined ? await import('./supabase-config.js') : {};
  const supabase = workdir !== undefined ? loadSupabaseConfig!(workdir, process.env) : undefined;
  if (supabase) process.stderr.write(`${formatSupabaseReport!(supabase)}\n`);
  const port = args.port !== undefined ? Number(args.port) : Number(process.env.PORT ?? supabase?.ports.api ?? DEFAULT_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port must be a number from 0 to 65535, got ${args.port}`);
  const host = args.host ?? DEFAULT_HOST;
  const inboxPort = args['inbox-port'] !== undefined ? Number(args['inbox-port']) : (supabase?.ports.inbox ?? DEFAULT_INBOX_PORT);
  if (!Number.isInteger(inboxPort) || inboxPort < 0 || inboxPort > 65535) {
    throw new CliError(`--inbox-port must be a number from 0 to 65535, got ${args['inbox-port']}`);
  }
  const fileConfig = args.config ? readConfigFile(args.config) : {};
  // Not the generic DATABASE_URL: that is often the app's own database (a .env for Prisma or Drizzle),
  // where authlab would create its auth schema and where reset() empties auth.users. An explicit
  // --data-dir wins over the variable.
  const databaseUrl = args['database-url'] || (args['data-dir'] ? undefined : process.env.AUTHLAB_DATABASE_URL || undefined);
  if (args['database-url'] && args['data-dir']) throw new CliError('use either --data-dir or --database-url, not both');
  const dataDir = args['data-dir'] ? prepareDataDir(args['data-dir']) : undefined;
  const storage = databaseUrl
    ? `PostgreSQL ${describeDatabaseUrl(databaseUrl)}${args['database-url'] ? '' : ' (from AUTHLAB_DATABASE_URL)'}`
    : dataDir
      ? `PGlite in ${dataDir}`
      : 'PGlite, a throwaway copy (deleted on exit)';
  const signing = signingKeysOption(args, dataDir);
  const publicHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;

  // PGlite is a 9 MB WebAssembly module; V8's background re-optimisation of it slows start-up on
  // small machines and costs 30-70 MB, for no measurable gain on auth workloads
  setFlagsFromString('--liftoff-only');
  const started = performance.now();
  process.stderr.write(`authlab: starting${databaseUrl || dataDir ? ` with data in ${storage}` : ' (in memory)'}…\n`);
  const booting = createEmulator({
    env: process.env,
    config: {
      // the links the emulator mails point at the port it listens on, unless API_EXTERNAL_URL says otherwise
      ...(process.env.API_EXTERNAL_URL ? {} : { apiExternalUrl: `http://${publicHost}:${port || DEFAULT_PORT}/auth/v1` }),
      ...supabase?.config,
      ...fileConfig,
      ...signing,
    },
    ...(databaseUrl ? { databaseUrl } : dataDir ? { dataDir } : {}),
    onProgress: (message) => process.stderr.write(`authlab: ${message}\n`),
  });
  booting.catch(() => {});
  // take the port first, so a clash is reported at once; requests that arrive while the database
  // boots wait for it, so /health never answers before a sign-up would work
  const server = await listen(
    withExplorer(async (request) => (await booting).fetch(request)),
    { port, host, upgrade: inboxEventsUpgrade(booting.then((e) => e.inboxEvents), ['/_/inbox/api/events']) },
  );
  let emulator;
  try {
    emulator = await booting;
  } catch (e) {
    await server.close();
    if (e instanceof ConfigError) throw e;
    if (databaseUrl) throw new CliError((e as Error).message);
    if (dataDir) throw new CliError(`cannot open the data directory ${dataDir}: ${(e as Error).message}`);
    throw e;
  }
  keepGeneratedKeys(emulator.generatedSigningKeys, dataDir);
  const inbox = inboxPort === 0 ? undefined : await listenInbox(emulator, inboxPort, host);
  const k = emulator.keys;
  const sk = emulator.signingKey;
  process.stdout.write(
    [
      `authlab is running (ready in ${Math.round(performance.now() - started)} ms).`,
      '',
      row('API URL', server.url),
      row('Storage', storage),
      row('Auth URL', `${server.url}/auth/v1`),
      row('Mailpit URL', inbox ? inbox.url : `${server.url}/_/inbox`),
      row('Explorer', existsSync(EXPLORER_DIR) ? `${server.url}/_/` : 'not built (npm run build:renderer)'),
      row('JWT secret', emulator.config.jwtSecret),
      row('Signing key', sk.kid ? `${sk.alg} (kid ${sk.kid})` : `${sk.alg} (the JWT secret)`),
      row('JWKS URL', `${server.url}/auth/v1/.well-known/jwks.json`),
      row('anon key', k.anon),
      row('service_role key', k.serviceRole),
      row('Publishable key', k.publishable),
      row('Secret key', k.secret),
      '',
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      process.stderr.write('authlab: forced exit\n');
      process.exit(1);
    }
    stopping = true;
    process.stderr.write(`\nauthlab: ${signal}, shutting down${dataDir ? ' and flushing data' : ''}…\n`);
    await server.close();
    await inbox?.close();
    await emulator.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((e: unknown) => {
  if (e instanceof CliError || e instanceof PortInUseError) process.stderr.write(`authlab: ${e.message.replace(/^authlab: /, '')}\n`);
  else if (e instanceof ConfigError) process.stderr.write(`${e.message}\n`);
  else process.stderr.write(`authlab: failed to start: ${(e as Error)?.stack ?? String(e)}\n`);
  process.exit(1);
});
