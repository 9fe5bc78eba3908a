#!/usr/bin/env node
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { EXPLORER_DIR, withExplorer } from './adapters/explorer-files.js';
import { inboxEventsUpgrade } from './adapters/inbox-events-ws.js';
import { listen, PortInUseError, type Listening } from './adapters/node-server.js';
import { ConfigError, DEFAULT_HOST, DEFAULT_INBOX_PORT, DEFAULT_JWT_SECRET, DEFAULT_PORT, unknownSettings } from './config.js';
import { describeDatabaseUrl } from './db/database-url.js';
import { describeEnvironment, formatEnvironmentReport } from './env-report.js';
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
and, as GoTrue, GOTRUE_API_HOST / GOTRUE_API_PORT (then PORT) choose where to listen.
`;

class CliError extends Error {}

/**
 * `-p -5` reads to Node's parser as a flag missing its value; joined as `--port=-5`, the number
 * check below answers it like any other bad port.
 */
function joinNegativeValues(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const next = argv[i + 1];
    const name = flag === '-p' ? '--port' : flag;
    if ((name === '--port' || name === '--inbox-port') && next !== undefined && /^-\d/.test(next)) {
      out.push(`${name}=${next}`);
      i++;
    } else out.push(flag);
  }
  return out;
}

function parse() {
  try {
    return parseArgs({
      args: joinNegativeValues(process.argv.slice(2)),
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
    throw new CliError(`${(e as Error).message} (see authlab --help)`);
  }
}

function readConfigFile(given: string): Record<string, unknown> {
  const path = resolve(given);
  if (!existsSync(path)) throw new CliError(`-c ${given}: there is no file ${path}`);
  if (statSync(path).isDirectory()) throw new CliError(`-c ${given}: ${path} is a folder; give the JSON file of settings`);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new CliError(`-c ${given}: cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new CliError(`-c ${given}: not valid JSON (${(e as Error).message})`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new CliError(`-c ${given}: must hold a JSON object of settings, e.g. {"mailerAutoconfirm": false}`);
  }
  const unknown = unknownSettings(parsed as Record<string, unknown>);
  if (unknown.length) throw new CliError(`-c ${given}: ${unknown.join('; ')}`);
  return parsed as Record<string, unknown>;
}

/** A port from a flag, a variable or config.toml, named after where it came from when it is bad. */
function portNumber(value: string | number | undefined, from: string): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value).trim();
  const port = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(port) || port > 65535) throw new CliError(`${from} must be a port number from 0 to 65535, got "${value}"`);
  return port;
}

/** An IP address or a host name; 999.1.1.1 is neither, and Node would only say so with a stack trace. */
function hostName(value: string, from: string): string {
  const looksNumeric = /^[\d.]+$/.test(value);
  const valid = isIP(value) !== 0 || (!looksNumeric && /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/i.test(value));
  if (!valid) throw new CliError(`${from} must be an IP address or a host name such as 127.0.0.1, 0.0.0.0 or localhost, got "${value}"`);
  return value;
}

/** Listens, turning the system's refusals (no such address, a privileged port) into one line. */
async function listenOrExplain(...params: Parameters<typeof listen>): Promise<Listening> {
  try {
    return await listen(...params);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const { host, port } = params[1];
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
      throw new CliError(`cannot listen on ${host}: no network interface of this machine has that address (try --host 127.0.0.1)`);
    }
    if (code === 'EACCES') throw new CliError(`not allowed to listen on port ${port} of ${host}; pick a port above 1023`);
    throw e;
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
    return await listenOrExplain(emulator.inboxFetch, { port, host, upgrade: inboxEventsUpgrade(emulator.inboxEvents, ['/api/events']) });
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
  // GOTRUE_* variables (a docker-compose environment) are reported as config.toml keys are
  const environment = formatEnvironmentReport(describeEnvironment(process.env));
  if (environment) process.stderr.write(`${environment}\n`);
  // as GoTrue: GOTRUE_API_PORT, then PORT; GOTRUE_API_HOST for the address (a docker-compose environment)
  const port =
    portNumber(args.port, '--port') ??
    portNumber(process.env.GOTRUE_API_PORT || undefined, 'GOTRUE_API_PORT') ??
    portNumber(process.env.PORT || undefined, 'PORT') ??
    portNumber(supabase?.ports.api, '[api] port in config.toml') ??
    DEFAULT_PORT;
  const host = hostName(args.host ?? (process.env.GOTRUE_API_HOST || DEFAULT_HOST), args.host !== undefined ? '--host' : 'GOTRUE_API_HOST');
  const inboxPort =
    portNumber(args['inbox-port'], '--inbox-port') ?? portNumber(supabase?.ports.inbox, '[inbucket] port in config.toml') ?? DEFAULT_INBOX_PORT;
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

  // Signal handlers come before anything that needs cleaning up: a Ctrl-C at any moment from here
  // on waits for the database to open, closes it, and so deletes its throwaway copy.
  let server: Listening | undefined;
  let inbox: Listening | undefined;
  let booting: Promise<Emulator> | undefined;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      process.stderr.write('authlab: forced exit\n');
      process.exit(1);
    }
    stopping = true;
    process.stderr.write(`\nauthlab: ${signal}, shutting down${dataDir ? ' and flushing data' : ''}…\n`);
    await server?.close();
    await inbox?.close();
    const emulator = await booting?.catch(() => undefined);
    await emulator?.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.stderr.write(`authlab: starting with ${storage}…\n`);

  // take the port first, so a clash is reported at once and --port 0's pick is known to the links
  // the emulator mails; requests that arrive while the database boots wait for it, so /health
  // never answers before a sign-up would work
  let started$!: (emulator: Promise<Emulator>) => void;
  const emulatorReady = new Promise<Emulator>((resolve) => (started$ = (e) => resolve(e)));
  emulatorReady.catch(() => {});
  server = await listenOrExplain(withExplorer(async (request) => (await emulatorReady).fetch(request)), {
    port,
    host,
    upgrade: inboxEventsUpgrade(
      emulatorReady.then((e) => e.inboxEvents),
      ['/_/inbox/api/events'],
    ),
  });
  if (stopping) return;
  booting = createEmulator({
    env: process.env,
    // the address bound decides whether login_hint is allowed (loopback only), not a request's Host header
    host,
    config: {
      // the links the emulator mails point at the port it listens on, unless API_EXTERNAL_URL says otherwise
      ...(process.env.API_EXTERNAL_URL ? {} : { apiExternalUrl: `http://${publicHost}:${server.port}/auth/v1` }),
      ...supabase?.config,
      ...fileConfig,
      ...signing,
    },
    ...(databaseUrl ? { databaseUrl } : dataDir ? { dataDir } : {}),
    // config.toml was read above (from --workdir or the working directory) and is in `config`
    workdir: false,
    onProgress: (message) => process.stderr.write(`authlab: ${message}\n`),
  });
  booting.catch(() => {});
  started$(booting);
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
  if (stopping) return;
  keepGeneratedKeys(emulator.generatedSigningKeys, dataDir);
  if (emulator.config.oauthServerEnabled && emulator.signingKey.alg === 'HS256') {
    process.stderr.write(
      'authlab: the OAuth 2.1 server is on, but with only the HS256 JWT secret it issues no id_token (scope openid), as GoTrue; ' +
        'add an asymmetric key with --signing-keys or --generate-keys\n',
    );
  }
  inbox = inboxPort === 0 ? undefined : await listenInbox(emulator, inboxPort, host);
  if (stopping) return;
  process.stdout.write(banner(emulator, server.url, storage, inbox, inboxPort, started));
}

/** What `supabase status` would print, and what authlab adds to it. */
function banner(emulator: Emulator, url: string, storage: string, inbox: Listening | undefined, inboxPort: number, started: number) {
  const k = emulator.keys;
  const sk = emulator.signingKey;
  const secret = emulator.config.jwtSecret;
  return [
    `authlab is running (ready in ${Math.round(performance.now() - started)} ms).`,
    '',
    row('API URL', url),
    row('Storage', storage),
    row('Auth URL', `${url}/auth/v1`),
    // with --inbox-port 0 there is no Mailpit: the inbox lives on under the main port only
    inbox ? row('Mailpit URL', inbox.url) : row('Inbox', `${url}/_/inbox${inboxPort === 0 ? ' (no Mailpit port: --inbox-port 0)' : ''}`),
    row('Explorer', existsSync(EXPLORER_DIR) ? `${url}/_/` : 'not built (npm run build:renderer)'),
    // the demo secret is public knowledge; a project's own secret stays out of terminals and CI logs
    row('JWT secret', secret === DEFAULT_JWT_SECRET ? secret : 'set (your own; not shown)'),
    row('Signing key', sk.kid ? `${sk.alg} (kid ${sk.kid})` : `${sk.alg} (the JWT secret)`),
    row('JWKS URL', `${url}/auth/v1/.well-known/jwks.json`),
    row('anon key', k.anon),
    row('service_role key', k.serviceRole),
    ...apiKeysNote(k.anon),
    row('Publishable key', k.publishable),
    row('Secret key', k.secret),
    '',
    'Press Ctrl-C to stop.',
    '',
  ].join('\n');
}

/** Why the anon and service_role keys are not the demo ones, printed beside them. */
function apiKeysNote(anon: string): string[] {
  if (anon === DEMO_ANON_KEY) return [];
  const alg = (JSON.parse(Buffer.from(anon.split('.')[0]!, 'base64url').toString()) as { alg?: string }).alg;
  const why =
    alg === 'HS256'
      ? 'the two keys above are signed with your JWT secret, so they are not the demo keys'
      : `the two keys above are re-signed with your first signing key (${alg}), as the Supabase CLI does with signing_keys_path, so they are not the demo keys`;
  return [`${' '.repeat(20)}(${why})`];
}

/** The anon key of every plain local stack, signed with the demo secret. */
const DEMO_ANON_KEY =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0';

main().catch((e: unknown) => {
  if (e instanceof CliError || e instanceof PortInUseError) process.stderr.write(`authlab: ${e.message.replace(/^authlab: /, '')}\n`);
  else if (e instanceof ConfigError) process.stderr.write(`${e.message}\n`);
  else process.stderr.write(`authlab: failed to start: ${(e as Error)?.stack ?? String(e)}\n`);
  process.exit(1);
});
