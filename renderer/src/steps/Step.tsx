import { useId, type ReactNode } from 'react';
import { ExchangeList } from '../wire/ExchangeList.js';
import { OutcomeView } from './OutcomeView.js';
import { useStepRunner } from './use-step-runner.js';

interface Props {
  title: string;
  /** One line: what this step is for. */
  why: ReactNode;
  button: string;
  run(): Promise<unknown>;
  /** Custom rendering of a successful result; the raw JSON is shown otherwise. */
  renderData?(data: unknown): ReactNode;
  /** Inputs the step reads. */
  children?: ReactNode;
  disabled?: boolean;
}

/** One step of a flow: why, inputs, a button, then the result and the HTTP exchanges it caused. */
export function Step({ title, why, button, run, renderData, children, disabled }: Props) {
  const headingId = useId();
  const runner = useStepRunner();
  return (
    <section className="step" aria-labelledby={headingId}>
      <h3 id={headingId}>{title}</h3>
      <p className="why">{why}</p>
      {children && <div className="inputs">{children}</div>}
      <button type="button" className="primary" onClick={() => void runner.run(title, run)} disabled={runner.running || disabled}>
        {runner.running ? 'Running…' : button}
      </button>
      {runner.result && (
        <div className="result">
          <OutcomeView outcome={runner.result.outcome} renderData={renderData} />
          <ExchangeList entries={runner.result.exchanges} />
        </div>
      )}
    </section>
  );
}
