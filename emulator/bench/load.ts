import type { HttpResult } from './http-client.js';
import { status, ticker } from './progress.js';
import { percentile, round } from './stats.js';

/**
 * Closed-loop load: `workers` loops each send one request, wait for the answer, send the next,
 * until the deadline (or until `step` says there is no work left, e.g. single-use tokens ran out).
 * Bounded by time (not by count), so a slow server just gives smaller numbers.
 */

export interface LoadOptions<S> {
  label: string;
  workers: number;
  seconds: number;
  /** Untimed per-worker preparation (e.g. a user and session to refresh). */
  setup: (worker: number) => Promise<S>;
  /** One timed request; may update `state` (a rotated refresh token). null: no work left, the worker stops. */
  step: (state: S, worker: number, i: number) => Promise<HttpResult | null>;
}

export interface LoadResult {
  label: string;
  workers: number;
  seconds: number;
  requests: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  /** status -> count, 0 meaning a network error or timeout */
  statuses: Record<string, number>;
  /** a few failing answers, to say what went wrong */
  errorSamples: string[];
}

/** Consecutive failures after which a worker gives up: a dead server should not spin for the whole duration. */
const GIVE_UP_AFTER = 50;

export async function runLoad<S>(opts: LoadOptions<S>): Promise<LoadResult> {
  status(`${opts.label}: preparing ${opts.workers} workers…`);
  const states = await Promise.all(Array.from({ length: opts.workers }, (_, w) => opts.setup(w)));

  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const errorSamples: string[] = [];
  let non2xx = 0;
  const started = performance.now();
  const deadline = started + opts.seconds * 1000;
  const stopTicker = ticker(() => {
    const left = Math.max(0, Math.ceil((deadline - performance.now()) / 1000));
    status(`${opts.label}: ${left} s left, ${latencies.length} requests, ${non2xx} errors`);
  });

  const worker = async (w: number) => {
    const state = states[w]!;
    let failures = 0;
    for (let i = 0; performance.now() < deadline; i++) {
      const res = await opts.step(state, w, i);
      if (res === null) break;
      latencies.push(res.ms);
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      if (res.status >= 200 && res.status < 300) {
        failures = 0;
        continue;
      }
      non2xx++;
      if (errorSamples.length < 5) errorSamples.push(`${res.status} ${res.body.slice(0, 200)}`);
      if (++failures >= GIVE_UP_AFTER) break;
    }
  };
  try {
    await Promise.all(states.map((_, w) => worker(w)));
  } finally {
    stopTicker();
  }
  // requests in flight at the deadline still count, so divide by the time until the last one ended
  const elapsed = (performance.now() - started) / 1000;
  return {
    label: opts.label,
    workers: opts.workers,
    seconds: round(elapsed, 2),
    requests: latencies.length,
    rps: round(latencies.length / elapsed),
    p50Ms: round(percentile(latencies, 50), 2),
    p99Ms: round(percentile(latencies, 99), 2),
    non2xx,
    statuses,
    errorSamples,
  };
}
