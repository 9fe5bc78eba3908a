import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { configSchema, envName } from '../config.js';
import { loadSupabaseConfig, type SupabaseConfig } from '../supabase-config.js';

type Env = Record<string, string | undefined>;

const SETTING_NAMES = new Set(Object.keys(configSchema.shape).map((key) => envName(key as keyof typeof configSchema.shape)));

/**
 * The app's supabase/config.toml for createEmulator(): the one named, else ./supabase/config.toml
 * of the working directory if there is one (as the authlab CLI and `supabase start` find it).
 *
 * Its env(VAR) references resolve from the process environment and supabase/.env as the Supabase
 * CLI's do, but GOTRUE_* settings come only from the `env` the caller passed, so a library call
 * never picks up the shell's GoTrue settings unasked.
 */
export function readSupabaseProject(workdir: string | undefined, env: Env): SupabaseConfig | undefined {
  const at = workdir ?? (existsSync(resolve('supabase', 'config.toml')) ? '.' : undefined);
  if (at === undefined) return undefined;
  const references = Object.fromEntries(Object.entries(process.env).filter(([name]) => !SETTING_NAMES.has(name)));
  return loadSupabaseConfig(at, { ...references, ...env });
}
