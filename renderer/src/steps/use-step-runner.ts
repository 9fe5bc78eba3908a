import { useState } from 'react';
import { useExplorer } from '../devices/DevicesProvider.js';
import type { WireEntry } from '../wire/wire-log.js';
import { explainOutcome } from './explain-outcome.js';
import { settle, type Outcome } from './outcome.js';

export interface StepResult {
  /** Which action produced it, for places where several buttons share one result area. */
  label: string;
  outcome: Outcome;
  exchanges: WireEntry[];
}

/**
 * Runs an action and keeps its outcome together with the HTTP exchanges that started while it ran
 * (steps run one at a time and auto-refresh is off, so nothing else is on the wire meanwhile).
 */
export function useStepRunner() {
  const { wireLog } = useExplorer();
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<StepResult | null>(null);

  async function run(label: string, action: () => Promise<unknown>): Promise<Outcome> {
    setRunning(true);
    const mark = wireLog.mark();
    const settled = await settle(action);
    const exchanges = wireLog.since(mark);
    const outcome = await explainOutcome(settled, exchanges);
    setResult({ label, outcome, exchanges });
    setRunning(false);
    return outcome;
  }

  return { running, result, run };
}
