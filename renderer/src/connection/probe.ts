import { afterPolicyEvents, explainFetchFailure, pageRefusals } from './fetch-failure.js';

/**
 * Asks `GET <url>/auth/v1/health` before the panel switches to a URL, so a typo, a stopped
 * emulator or this page's Content-Security-Policy is reported at once, in words, rather than as
 * "Failed to fetch" on the next step. Resolves to null when the emulator answered.
 */
export async function probeConnection(url: string, key: string, desktop = false): Promise<string | null> {
  let health: URL;
  try {
    health = new URL(`${url.replace(/\/+$/, '')}/auth/v1/health`);
    if (health.protocol !== 'http:' && health.protocol !== 'https:') return `${url} is not an http(s) URL.`;
  } catch {
    return `${url || '(empty)'} is not a URL.`;
  }
  try {
    const response = await fetch(health, { headers: { apikey: key } });
    if (response.ok) return null;
    return `GET ${health.pathname} at ${health.origin} answered HTTP ${response.status}: is this a Supabase Auth server, and the key one of its keys?`;
  } catch (e) {
    await afterPolicyEvents();
    return explainFetchFailure(health.href, (e as Error).message, pageRefusals().refused(health.href), desktop);
  }
}
