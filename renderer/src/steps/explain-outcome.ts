import { afterPolicyEvents, explainFetchFailure, pageRefusals } from '../connection/fetch-failure.js';
import { desktopBridge } from '../desktop/bridge.js';
import type { WireEntry } from '../wire/wire-log.js';
import type { Outcome } from './outcome.js';

/** supabase-js looked in its storage, found no session and so had nothing to send. */
const NO_SESSION_HINT = 'No session on this device: sign in first (supabase-js reads the session from its storage before any request).';

/**
 * Adds what the raw error leaves out: a request that never got a response says why it may not
 * have, and an error raised without any request (getUser() while signed out answers "400" from
 * supabase-js itself) says that nothing was sent.
 */
export async function explainOutcome(outcome: Outcome, exchanges: readonly WireEntry[]): Promise<Outcome> {
  if (outcome.ok) return outcome;
  const failed = [...exchanges].reverse().find((e) => e.networkError !== undefined);
  if (failed) {
    await afterPolicyEvents();
    const hint = explainFetchFailure(failed.url, failed.networkError ?? '', pageRefusals().refused(failed.url), !!desktopBridge());
    return { ...outcome, hint };
  }
  if (exchanges.length === 0) return { ...outcome, local: true, ...(outcome.name === 'AuthSessionMissingError' && { hint: NO_SESSION_HINT }) };
  // supabase-js reports some answers as errors of its own (a 403 session_not_found becomes
  // "Auth session missing!" with status 400): show the status and code the server sent
  const last = exchanges[exchanges.length - 1];
  if (last && last.status >= 400 && last.status !== outcome.status) {
    const code = codeIn(last.responseBody);
    return { ...outcome, status: last.status, ...(code && { code }) };
  }
  return outcome;
}

function codeIn(body: string): string | undefined {
  try {
    // the 2024-01-01 API version (supabase-js sends it) puts the string code in `code`
    const parsed = JSON.parse(body) as { error_code?: unknown; code?: unknown; error?: unknown };
    return [parsed.error_code, parsed.code, parsed.error].find((c): c is string => typeof c === 'string');
  } catch {
    return undefined;
  }
}
