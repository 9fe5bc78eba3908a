import { useEffect, useRef, type ReactNode } from 'react';
import { ExchangeList } from '../wire/ExchangeList.js';
import { OutcomeView } from './OutcomeView.js';
import type { StepResult } from './use-step-runner.js';

interface Props {
  result: StepResult | null;
  renderData?: ((data: unknown) => ReactNode) | undefined;
  /** A line above the outcome: which of several buttons ran, or that the result was kept from before. */
  note?: ReactNode;
  /** Off where the step runs by itself (a link coming back), so arriving on a page does not move focus. */
  takeFocus?: boolean;
}

/**
 * What a step ended with: a heading, the outcome and the HTTP exchanges. The button that ran the
 * step disables itself while it runs, so focus would fall to <body>; a new result takes focus on its
 * heading instead. A result already there when the block appears (kept from before) does not.
 */
export function StepResultBlock({ result, renderData, note, takeFocus = true }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  const atMount = useRef(result);
  useEffect(() => {
    if (takeFocus && result && result !== atMount.current) heading.current?.focus();
  }, [result, takeFocus]);
  if (!result) return null;
  return (
    <div className="result">
      <h4 className="result-heading" ref={heading} tabIndex={-1}>
        Result
      </h4>
      {note}
      <OutcomeView outcome={result.outcome} renderData={renderData} httpStatus={result.exchanges.at(-1)?.status} />
      <ExchangeList entries={result.exchanges} />
    </div>
  );
}
