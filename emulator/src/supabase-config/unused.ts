/**
 * Valid config.toml keys that authlab does not apply, grouped by feature so the report reads
 * "auth.mfa (disabled): ..." once rather than one line per key. A group that is switched on in
 * the file is flagged, since the app may rely on it.
 */

/** Feature table (`*` = any one name) -> why authlab leaves it alone. First match wins. */
const GROUPS: [pattern: string, why: string][] = [
  ['auth.anon_key', 'custom API keys are not supported; authlab derives the keys from the JWT secret, as the CLI does by default'],
  ['auth.service_role_key', 'custom API keys are not supported; authlab derives the keys from the JWT secret, as the CLI does by default'],
  ['auth.publishable_key', 'custom API keys are not supported; authlab uses the CLI\'s well-known sb_publishable_ key'],
  ['auth.secret_key', 'custom API keys are not supported; authlab uses the CLI\'s well-known sb_secret_ key'],
  ['auth.captcha', 'CAPTCHA verification is not emulated'],
  ['auth.hook.*', 'auth hooks are not emulated yet; authlab behaves as if the hook were off'],
  ['auth.mfa', 'MFA is not emulated yet'],
  ['auth.external.*', 'read only when enabled; authlab\'s fake identity provider then stands in for it'],
  ['auth.third_party.*', 'third-party auth (tokens from another issuer) is not emulated'],
  ['auth.email.notification.*', 'notification mails are not emulated yet'],
  ['auth.email.smtp', 'authlab never sends mail: every mail lands in its Mailpit-compatible inbox'],
  ['auth.sms.twilio', 'authlab never sends SMS: every SMS lands in its outbox (credentials ignored)'],
  ['auth.sms.twilio_verify', 'authlab never sends SMS: every SMS lands in its outbox (credentials ignored)'],
  ['auth.sms.messagebird', 'authlab never sends SMS: every SMS lands in its outbox (credentials ignored)'],
  ['auth.sms.textlocal', 'authlab never sends SMS: every SMS lands in its outbox (credentials ignored)'],
  ['auth.sms.vonage', 'authlab never sends SMS: every SMS lands in its outbox (credentials ignored)'],
  ['inbucket.smtp_port', 'authlab has no SMTP server; read mail through the Mailpit-compatible API'],
  ['inbucket.pop3_port', 'authlab has no POP3 server; read mail through the Mailpit-compatible API'],
  ['api.tls', 'authlab serves plain HTTP'],
  ['api', 'not an auth setting; ignored'],
  ['inbucket', 'not an auth setting; ignored'],
];

/** The concrete group a key belongs to (auth.hook.send_sms for auth.hook.send_sms.uri), if any. */
function groupOf(path: string): { group: string; why: string } | undefined {
  const parts = path.split('.');
  for (const [pattern, why] of GROUPS) {
    const want = pattern.split('.');
    if (want.length > parts.length) continue;
    if (want.every((w, i) => w === '*' || w === parts[i])) return { group: parts.slice(0, want.length).join('.'), why };
  }
  return undefined;
}

const isSwitch = (path: string) => /(^|\.|_)enabled$/.test(path);

export function describeUnused(values: Map<string, unknown>, used: Set<string>): string[] {
  const groups = new Map<string, { why: string; keys: string[] }>();
  for (const path of values.keys()) {
    if (used.has(path)) continue;
    const found = groupOf(path) ?? { group: path, why: 'a valid Supabase CLI setting that authlab does not use' };
    const entry = groups.get(found.group) ?? { why: found.why, keys: [] };
    entry.keys.push(path);
    groups.set(found.group, entry);
  }
  return [...groups].map(([group, { why, keys }]) => {
    if (group === 'api' || group === 'inbucket') {
      return `${group}.{${keys.map((k) => k.slice(group.length + 1)).join(', ')}}: ${why}`;
    }
    // state from every switch of the group, read or not (auth.mfa is on if any factor is)
    const switches = [...values].filter(([k]) => (k === group || k.startsWith(`${group}.`)) && isSwitch(k));
    const state = !switches.length ? '' : switches.some(([, v]) => v === true) ? ' (enabled)' : ' (disabled)';
    return `${group}${state}: ${why}`;
  });
}
