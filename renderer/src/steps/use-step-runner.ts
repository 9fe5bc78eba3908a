import { useState } from 'react';
import { useExplorer } from '../explorer/ExplorerProvider.js';
import { keepableEntry, keepableJson } from '../wire/keepable.js';
import type { WireEntry } from '../wire/wire-log.js';
import { explainOutcome } from './explain-outcome.js';
import { settle, type Outcome } from './outcome.js';

export interface StepResult {
  /** Which action produced it, for places where several buttons share one result area. */
  label: string;
  outcome: Outcome;
  exchanges: WireEntry[];
  /** Read back from an earlier visit: tokens unsigned and secrets masked (see keepable.ts). */
  restored?: boolean;
}

/** Past this size a kept result drops its exchanges: sessionStorage is a few MB for every screen. */
const MAX_KEPT_CHARS = 64 * 1024;

function readKept(key: string | undefined): StepResult | null {
  if (!key) return null;
  try {
    const stored = window.sessionStorage.getItem(key);
    return stored ? { ...(JSON.parse(stored) as StepResult), restored: true } : null;
  } catch {
    return null;
  }
}

function keep(key: string, result: StepResult): void {
  const outcome = result.outcome.ok ? { ok: true as const, data: keepableJson(result.outcome.data) } : result.outcome;
  let text = JSON.stringify({ label: result.label, outcome, exchanges: result.exchanges.map(keepableEntry) });
  if (text.length > MAX_KEPT_CHARS) text = JSON.stringify({ label: result.label, outcome, exchanges: [] });
  try {
    window.sessionStorage.setItem(key, text);
  } catch {
    // storage full: the result is still shown, only not kept
  }
}

/**
 * Runs an action and keeps its outcome together with the HTTP exchanges that started while it ran
 * (steps run one at a time and auto-refresh is off, so nothing else is on the wire meanwhile).
 * With `keepAs`, the last result outlives a switch of screen or a reload (in sessionStorage, made
 * safe to keep there first).
 */
export function useStepRunner(keepAs?: string) {
  const { wireLog } = useExplorer();
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<StepResult | null>(() => readKept(keepAs));

  async function run(label: string, action: () => Promise<unknown>): Promise<Outcome> {
    setRunning(true);
    const mark = wireLog.mark();
    const settled = await settle(action);
    const exchanges = wireLog.since(mark);
    const outcome = await explainOutcome(settled, exchanges);
    const next = { label, outcome, exchanges };
    setResult(next);
    if (keepAs) keep(keepAs, next);
    setRunning(false);
    return outcome;
  }

  return { running, result, run };
}
