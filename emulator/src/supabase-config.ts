import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { parse as parseToml } from 'smol-toml';
import { ConfigError, configFromEnv, envName, parseDurationSeconds, resolveConfig, type ConfigInput, type ConfigKey } from './config.js';
import { mapSettings, type Kind, type Reader } from './supabase-config/auth-settings.js';
import { DESCRIBED_SECTIONS, flatten, isTable, OTHER_SECTIONS, unknownKey } from './supabase-config/schema.js';
import { describeUnused } from './supabase-config/unused.js';

/**
 * Reads a Supabase project's supabase/config.toml, so `authlab` can stand where `supabase start`
 * stood with the same [auth] settings.
 *
 * Precedence, highest first: explicit authlab flags (--port, --config) > GOTRUE_* / API_EXTERNAL_URL
 * environment variables > config.toml > authlab's defaults (which are the CLI template's). Within
 * config.toml the CLI's own rules hold: a SUPABASE_<SECTION>_<KEY> variable replaces the key
 * (SUPABASE_AUTH_SITE_URL), and "env(VAR)" values come from the environment or supabase/.env.
 */

export interface SupabaseConfigReport {
  /** Keys the Supabase CLI does not know: typos, or settings of another CLI version. */
  unknown: string[];
  /** Valid CLI settings authlab does not emulate (yet), and sections that are not about auth. */
  unsupported: string[];
  /** What was set, as "auth.jwt_expiry -> GOTRUE_JWT_EXP=3600". */
  applied: string[];
  /** Where authlab knowingly differs from `supabase start`, or a key was valid but inert. */
  notes: string[];
}

export interface SupabaseConfig {
  /** Settings by GoTrue name, GOTRUE_* environment already layered over config.toml; validated. */
  config: ConfigInput;
  /** [api] port and [inbucket] port (0 when [inbucket] is disabled). */
  ports: { api?: number; inbox?: number };
  report: SupabaseConfigReport;
  /** The config.toml that was read. */
  file: string;
}

type Env = Record<string, string | undefined>;

/** Finds config.toml from a path to it, to the supabase/ directory, or to the project directory. */
export function findSupabaseConfig(path: string): string | undefined {
  const at = resolve(path);
  if (!existsSync(at)) return undefined;
  if (!statSync(at).isDirectory()) return at;
  for (const candidate of [join(at, 'config.toml'), join(at, 'supabase', 'config.toml')]) {
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/**
 * The .env files the CLI loads before reading config.toml, nearest first: supabase/ then the
 * project directory; in each, .env.<SUPABASE_ENV>.local, .env.local, .env.<SUPABASE_ENV>, .env.
 * As godotenv, the first definition of a variable wins and the real environment beats them all.
 */
function loadDotenv(supabaseDir: string, env: Env): { vars: Env; files: string[] } {
  const mode = env.SUPABASE_ENV || 'development';
  const names = [`.env.${mode}.local`, ...(mode === 'test' ? [] : ['.env.local']), `.env.${mode}`, '.env'];
  const vars: Env = {};
  const files: string[] = [];
  for (const dir of [supabaseDir, dirname(supabaseDir)]) {
    for (const name of names) {
      const file = join(dir, name);
      if (!existsSync(file)) continue;
      let parsed: NodeJS.Dict<string>;
      try {
        parsed = parseEnv(readFileSync(file, 'utf8'));
      } catch (e) {
        throw new ConfigError([`${file}: cannot read it as an environment file (${(e as Error).message})`]);
      }
      files.push(file);
      for (const [k, v] of Object.entries(parsed)) if (!(k in vars)) vars[k] = v;
    }
  }
  return { vars, files };
}

const ENV_REF = /^env\((.*)\)$/;
const GO_BOOL: Record<string, boolean> = { '1': true, t: true, T: true, TRUE: true, true: true, True: true };
for (const f of ['0', 'f', 'F', 'FALSE', 'false', 'False']) GO_BOOL[f] = false;

function show(value: unknown): string {
  if (Array.isArray(value)) return value.join(',');
  if (isTable(value)) return Object.entries(value).map(([k, v]) => `${k}:${String(v)}`).join(',');
  return String(value);
}

/** A value for the report; secrets are only said to be set, as the report lands in terminals and CI logs. */
export function reportValue(key: string, value: unknown): string {
  return /(Secret|Token|ApiKey|AccessKey)$/i.test(key) ? '(set, not shown)' : show(value);
}

export function loadSupabaseConfig(path: string, env: Env): SupabaseConfig {
  const file = findSupabaseConfig(path);
  if (!file) throw new ConfigError([`no Supabase project at ${resolve(path)} (looked for config.toml and supabase/config.toml)`]);
  const supabaseDir = dirname(file);
  const projectDir = dirname(supabaseDir);
  const shown = relative(process.cwd(), file) || basename(file);

  let doc: Record<string, unknown>;
  try {
    doc = parseToml(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ConfigError([`${shown} is not valid TOML: ${(e as Error).message.trim()}`]);
  }

  const report: SupabaseConfigReport = { unknown: [], unsupported: [], applied: [], notes: [] };
  const values = new Map<string, unknown>();
  const otherSections: string[] = [];
  for (const [key, value] of Object.entries(doc)) {
    const shape = DESCRIBED_SECTIONS[key];
    if (shape) {
      if (isTable(value)) flatten(value, shape, key, values, report.unknown);
      else report.unknown.push(`${key}: expected a table ([${key}]), found a value`);
    } else if (OTHER_SECTIONS.includes(key)) otherSections.push(key);
    else if (key !== 'project_id') {
      report.unknown.push(unknownKey(key, key, ['project_id', ...Object.keys(DESCRIBED_SECTIONS), ...OTHER_SECTIONS]));
    }
  }

  const dotenv = loadDotenv(supabaseDir, env);
  const lookup: Env = { ...dotenv.vars, ...env };
  const problems: string[] = [];
  const used = new Set<string>();
  const config: Partial<Record<ConfigKey, unknown>> = {};
  const origin = new Map<ConfigKey, string>();
  const ports: SupabaseConfig['ports'] = {};

  const problem = (at: string, message: string): undefined => {
    problems.push(`${at} in ${shown}: ${message}`);
    return undefined;
  };
  const resolveRef = (at: string, raw: unknown): unknown => {
    const name = typeof raw === 'string' ? ENV_REF.exec(raw)?.[1] : undefined;
    if (name === undefined) return raw;
    const value = lookup[name];
    if (value) return value;
    // as the CLI: an unset (or empty) variable leaves the literal "env(NAME)" in place, with a warning
    const where = dotenv.files.length ? `the environment or ${dotenv.files.map((f) => relative(projectDir, f)).join(', ')}` : 'the environment';
    report.notes.push(
      `${at}: the environment variable ${name} is ${value === '' ? 'empty' : 'not set'} in ${where}, so it keeps the literal "${raw as string}", as the Supabase CLI does`,
    );
    return raw;
  };

  function coerce(at: string, raw: unknown, kind: Kind): unknown {
    if (kind === 'list') {
      const items = typeof raw === 'string' ? raw.split(',') : raw;
      if (!Array.isArray(items)) return problem(at, `must be a list of strings; got ${JSON.stringify(raw)}`);
      const out = items.map((item, i) => resolveRef(`${at}[${i}]`, item));
      return out.some((x) => x === undefined) ? undefined : out.map(String);
    }
    const value = resolveRef(at, raw);
    if (value === undefined) return undefined;
    const bad = (expected: string) => problem(at, `must be ${expected}; got ${JSON.stringify(value)}`);
    switch (kind) {
      case 'bool':
        if (typeof value === 'boolean') return value;
        return typeof value === 'string' && value in GO_BOOL ? GO_BOOL[value] : bad('true or false');
      case 'int': {
        const n = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
        return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : bad('a whole number');
      }
      case 'duration': {
        // the CLI decodes a bare TOML number as nanoseconds, never what was meant
        if (typeof value !== 'string') return bad('a duration string such as "5s" or "1h30m"');
        const seconds = parseDurationSeconds(value);
        return typeof seconds === 'number' ? seconds : bad('a duration such as "5s" or "1h30m"');
      }
      default:
        return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : bad('a string');
    }
  }

  const reader: Reader = {
    read(at, kind) {
      used.add(at);
      // as the CLI (viper AutomaticEnv, prefix SUPABASE): SUPABASE_AUTH_SITE_URL replaces auth.site_url
      const overrideName = `SUPABASE_${at.replace(/\./g, '_').toUpperCase()}`;
      const override = lookup[overrideName];
      const raw = override ? override : values.get(at);
      if (raw === undefined) return undefined;
      if (override) report.notes.push(`${at} taken from ${overrideName}, as the Supabase CLI does`);
      return coerce(at, raw, kind) as never;
    },
    keys: (table) => [...values.keys()].filter((k) => k.startsWith(`${table}.`)),
    skip(at, why) {
      used.add(at);
      if (why) report.notes.push(`${at}: ${why}`);
    },
    set(key, value, from) {
      config[key] = value;
      origin.set(key, from);
      report.applied.push(`${from} -> ${envName(key)}=${reportValue(key, value)}`);
    },
    unknown(at, message) {
      for (const k of values.keys()) if (k === at || k.startsWith(`${at}.`)) used.add(k);
      report.unknown.push(`${at}: ${message}`);
    },
    note: (message) => report.notes.push(message),
    problem: (at, message) => problem(at, message),
    ports,
    projectDir,
  };
  mapSettings(reader);
  if (problems.length) throw new ConfigError(problems);

  report.unsupported.push(...describeUnused(values, used));
  for (const section of otherSections) report.unsupported.push(`[${section}]: not an auth setting; ignored`);
  if (dotenv.files.length) report.notes.push(`read env(...) values from ${dotenv.files.map((f) => relative(projectDir, f)).join(', ')}`);

  // GOTRUE_* variables beat config.toml, as they would beat the CLI's generated environment
  for (const [key, value] of Object.entries(configFromEnv(env)) as [ConfigKey, string][]) {
    if (origin.has(key) && show(config[key]) !== value) {
      report.notes.push(`${origin.get(key)} overridden by ${envName(key)}=${value} from the environment`);
    }
    config[key] = value;
    origin.set(key, envName(key));
  }

  report.notes = [...new Set(report.notes)];
  validate(config, origin, shown);
  // resolveConfig accepted every value, so the settings are a valid ConfigInput
  return { config: config as ConfigInput, ports, report, file };
}

/** Runs authlab's own validation, naming the config.toml key behind each bad value. */
function validate(config: Partial<Record<ConfigKey, unknown>>, origin: Map<ConfigKey, string>, shown: string) {
  try {
    resolveConfig(config);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    throw new ConfigError(
      e.problems.map((p) => {
        const from = p.key && origin.get(p.key);
        return from && from.includes('.') ? { ...p, message: `${from} in ${shown} -> ${p.message}` } : p;
      }),
    );
  }
}

/** The report as lines for a terminal; empty sections are left out. */
export function formatSupabaseReport({ file, report }: Pick<SupabaseConfig, 'file' | 'report'>): string {
  const shown = relative(process.cwd(), file) || file;
  const block = (title: string, lines: string[]) => (lines.length ? [`  ${title}:`, ...lines.map((l) => `    ${l}`)] : []);
  return [
    `authlab: read ${shown}`,
    ...block('applied', report.applied),
    ...block('UNKNOWN (not Supabase CLI settings; check for typos)', report.unknown),
    ...block('not emulated', report.unsupported),
    ...block('notes', report.notes),
  ].join('\n');
}
