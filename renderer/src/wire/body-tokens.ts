const TOKEN_FIELDS = ['access_token', 'id_token', 'refresh_token', 'provider_token', 'provider_refresh_token'];

/** The tokens in a JSON response body (top level, or one object down as in `{ session: {…} }`). */
export function tokensInBody(body: string): [string, string][] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return [];
  }
  const found: [string, string][] = [];
  const scan = (value: unknown, depth: number) => {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return;
    for (const [key, v] of Object.entries(value)) {
      if (typeof v === 'string' && v && TOKEN_FIELDS.includes(key)) found.push([key, v]);
      else if (depth > 0) scan(v, depth - 1);
    }
  };
  scan(parsed, 1);
  return found;
}
