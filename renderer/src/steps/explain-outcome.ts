import { afterPolicyEvents, explainFetchFailure, pageRefusals } from '../connection/fetch-failure.js';
import { desktopBridge } from '../desktop/bridge.js';
import type { WireEntry } from '../wire/wire-log.js';
import type { Outcome } from './outcome.js';

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
  if (exchanges.length === 0) return { ...outcome, local: true };
  return outcome;
}
