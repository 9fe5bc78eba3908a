import { closestName, configFromEnv, configSchema, envName, resolveConfig, smsProviderProblem, type ConfigKey } from './config.js';

/**
 * The environment read as GoTrue reads it, reported the way config.toml keys are: what was applied,
 * what GoTrue knows but authlab does not emulate, and what neither knows (typos). A docker-compose
 * GoTrue environment is thus never taken silently.
 */
export interface EnvironmentReport {
  applied: string[];
  unknown: string[];
  unsupported: string[];
  notes: string[];
}

type Env = Record<string, string | undefined>;

/** GoTrue settings authlab has no use for, by name prefix (first match wins), and why. */
const NOT_EMULATED: [prefix: string, why: string][] = [
  ['GOTRUE_API_HOST', ''],
  ['GOTRUE_API_PORT', ''],
  ['GOTRUE_SMTP_', 'authlab never sends mail: every mail lands in its Mailpit-compatible inbox'],
  ['GOTRUE_OPERATOR_TOKEN', 'authlab has no operator API'],
  ['GOTRUE_COOKIE_', 'GoTrue\'s cookie sessions are not emulated'],
  ['GOTRUE_DB_', 'authlab keeps its own database (PGlite, or --database-url)'],
  ['DATABASE_URL', 'authlab keeps its own database (PGlite, or --database-url / AUTHLAB_DATABASE_URL)'],
  ['DB_NAMESPACE', 'authlab\'s tables are always in the auth schema'],
  ['GOTRUE_LOG_', 'authlab logs only start-up and unexpected errors'],
  ['GOTRUE_TRACING_', 'not emulated'],
  ['GOTRUE_METRICS_', 'not emulated'],
  ['GOTRUE_PROFILER_', 'not emulated'],
  ['GOTRUE_HOOK_', 'auth hooks are not emulated yet; authlab behaves as if the hook were off'],
  ['GOTRUE_SECURITY_CAPTCHA_', 'CAPTCHA verification is not emulated'],
  ['GOTRUE_SAML_', 'SAML is not emulated (GoTrue\'s "disabled" answers are)'],
  ['GOTRUE_MAILER_NOTIFICATIONS_', 'notification mails are not emulated yet'],
  ['GOTRUE_AUDIT_LOG_', 'the audit log is always kept in auth.audit_log_entries'],
  ['GOTRUE_API_', 'not emulated'],
  ['GOTRUE_EXTERNAL_', 'not emulated for this provider'],
  ['GOTRUE_SMS_', 'not emulated'],
];

const isSecret = (name: string) => /(SECRET|TOKEN|KEY|PASSWORD|PASS)$/.test(name);

export function describeEnvironment(env: Env): EnvironmentReport {
  const report: EnvironmentReport = { applied: [], unknown: [], unsupported: [], notes: [] };
  const keys = Object.keys(configSchema.shape) as ConfigKey[];
  const known = new Set(keys.map(envName));
  for (const [name, value] of Object.entries(env).sort(([a], [b]) => a.localeCompare(b))) {
    if (value === undefined) continue;
    if (known.has(name)) {
      if (name.startsWith('GOTRUE_') || name === 'API_EXTERNAL_URL') report.applied.push(`${name}=${isSecret(name) ? '(set, not shown)' : value}`);
      continue;
    }
    const rule = NOT_EMULATED.find(([prefix]) => name.startsWith(prefix));
    if (rule && rule[0] === 'GOTRUE_API_HOST') report.applied.push(`${name}=${value} (the address to bind, as GoTrue)`);
    else if (rule && rule[0] === 'GOTRUE_API_PORT') report.applied.push(`${name}=${value} (the port to listen on, as GoTrue)`);
    else if (!name.startsWith('GOTRUE_') && !(rule && ['DATABASE_URL', 'DB_NAMESPACE'].includes(rule[0]))) continue;
    else if (rule && rule[1] !== 'not emulated') report.unsupported.push(`${name}: ${rule[1]}`);
    else {
      const near = closestName(name, [...known]);
      if (near) report.unknown.push(`${name}: not a GoTrue setting authlab knows (did you mean ${near}?)`);
      else if (rule) report.unsupported.push(`${name}: not emulated`);
      else report.unknown.push(`${name}: not a GoTrue setting authlab knows`);
    }
  }
  // DATABASE_URL is an app's own as often as GoTrue's: only worth a line beside other GoTrue settings
  if (!report.applied.length && !report.unknown.some((l) => l.startsWith('GOTRUE_'))) {
    report.unsupported = report.unsupported.filter((l) => l.startsWith('GOTRUE_'));
  }
  const settings = configFromEnv(env);
  try {
    const config = resolveConfig(settings);
    if (/^(true|1|yes|on)$/i.test(settings.externalPhoneEnabled ?? '') && !config.smsProvider) {
      report.notes.push(
        'GOTRUE_EXTERNAL_PHONE_ENABLED=true with no GOTRUE_SMS_PROVIDER: phone sign-in is off, as `supabase start` turns it off ' +
          '("no SMS provider is enabled. Disabling phone login")',
      );
    }
    const problem = config.smsProvider ? smsProviderProblem(config) : undefined;
    if (problem) {
      report.notes.push(
        `GOTRUE_SMS_PROVIDER=${config.smsProvider}: ${problem}, so every SMS code answers 500 "Unable to get SMS provider", as GoTrue would (test OTPs still work)`,
      );
    }
  } catch {
    // a bad value is reported by createEmulator, with every problem at once
  }
  return report;
}

/** The report as lines for a terminal; empty when the environment holds no GoTrue setting. */
export function formatEnvironmentReport(report: EnvironmentReport): string {
  const block = (title: string, lines: string[]) => (lines.length ? [`  ${title}:`, ...lines.map((l) => `    ${l}`)] : []);
  const lines = [
    ...block('applied', report.applied),
    ...block('UNKNOWN (not GoTrue settings authlab knows; check for typos)', report.unknown),
    ...block('not emulated', report.unsupported),
    ...block('notes', report.notes),
  ];
  return lines.length ? ['authlab: read the environment', ...lines].join('\n') : '';
}
