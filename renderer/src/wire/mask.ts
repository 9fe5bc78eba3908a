/** Body fields and query parameters that carry credentials. */
export const SECRET_FIELDS: ReadonlySet<string> = new Set([
  'access_token',
  'refresh_token',
  'provider_token',
  'provider_refresh_token',
  'password',
  'current_password',
  'code_verifier',
  // admin generate_link: the link and what it is made of sign the user in
  'action_link',
  'hashed_token',
  'email_otp',
  // an MFA enrolment's TOTP secret, and the URI and QR code that carry it
  'secret',
  'uri',
  'qr_code',
]);
export const SECRET_HEADERS: ReadonlySet<string> = new Set(['apikey', 'authorization']);

/**
 * First 6 characters and an ellipsis: enough to tell two tokens apart. Short values (passwords,
 * GoTrue's 12-character refresh tokens) show at most a third of their length so the prefix never
 * gives most of the secret away.
 */
export function maskSecret(value: string): string {
  const shown = Math.min(6, Math.floor(value.length / 3));
  return `${value.slice(0, shown)}…`;
}

export function maskJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskJson);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, v]) => [key, SECRET_FIELDS.has(key) && typeof v === 'string' ? maskSecret(v) : maskJson(v)]),
    );
  }
  return value;
}

/** Pretty-prints JSON bodies (masked unless revealed); other bodies are shown as they are. */
export function formatBody(body: string, reveal: boolean): string {
  if (!body) return '';
  try {
    const parsed: unknown = JSON.parse(body);
    return JSON.stringify(reveal ? parsed : maskJson(parsed), null, 2);
  } catch {
    return body;
  }
}

export function formatHeaders(headers: Record<string, string>, reveal: boolean): string {
  return Object.entries(headers)
    .map(([name, value]) => `${name}: ${reveal || !SECRET_HEADERS.has(name.toLowerCase()) ? value : maskHeaderValue(value)}`)
    .join('\n');
}

/** Keeps the auth scheme readable: "Bearer eyJhbG…" rather than "Bearer…". */
export function maskHeaderValue(value: string): string {
  const match = /^(Bearer\s+)(.+)$/i.exec(value);
  return match ? `${match[1]}${maskSecret(match[2] ?? '')}` : maskSecret(value);
}

export function formatUrl(url: string, reveal: boolean): string {
  const parsed = new URL(url);
  if (!reveal) {
    for (const [key, value] of [...parsed.searchParams]) {
      if (SECRET_FIELDS.has(key) || key === 'apikey') parsed.searchParams.set(key, maskSecret(value));
    }
  }
  return `${parsed.origin}${parsed.pathname}${decodeURIComponent(parsed.search)}`;
}
