import { useId, type ReactNode } from 'react';
import { useExplorer } from '../explorer/ExplorerProvider.js';
import { CapturePanel } from '../inbox/CapturePanel.js';
import type { CaptureTarget } from '../inbox/inbox-api.js';
import type { CaptureHandle } from '../inbox/use-capture.js';
import { useHashRoute } from '../layout/use-hash-route.js';
import { maskJson } from '../wire/mask.js';
import type { Outcome } from './outcome.js';
import { RenderFallback } from './RenderFallback.js';
import { StepResultBlock } from './StepResultBlock.js';
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
  /** The step makes GoTrue send a mail or SMS to this target: shown beside the step once it arrives. */
  capture?: StepCapture;
}

export interface StepCapture {
  handle: CaptureHandle;
  target: CaptureTarget;
  /** Which outcomes mean a message is on its way (default: success). */
  when?(outcome: Outcome): boolean;
  /** Show the newest message to the target even if it predates the step (one GoTrue sent earlier still counts). */
  newest?: boolean;
  /** Offers "Use this code" beside the message's code, handing it to the step that takes it. */
  onUseCode?(code: string): void;
}

/** One step of a flow: why, inputs, a button, then the result and the HTTP exchanges it caused. */
export function Step({ title, why, button, run, renderData, children, disabled, capture }: Props) {
  const headingId = useId();
  const { connection } = useExplorer();
  const screen = useHashRoute('');
  // the last result is kept per emulator, screen and step, so coming back shows where you left off
  const runner = useStepRunner(`authlab.result.${connection.url}.${screen}.${title}`);
  const restored = runner.result?.restored ?? false;
  const render =
    renderData && restored
      ? (data: unknown) => (
          <RenderFallback fallback={<pre className="json">{JSON.stringify(maskJson(data), null, 2)}</pre>}>{renderData(data)}</RenderFallback>
        )
      : renderData;

  async function onClick() {
    if (!capture) {
      await runner.run(title, run);
      return;
    }
    // the baseline is taken first, so only a message caused by this click is shown
    const armed = capture.newest ? { target: capture.target, baselineId: null, messageId: null } : await capture.handle.arm(capture.target);
    capture.handle.clear();
    const outcome = await runner.run(title, run);
    if (capture.when ? capture.when(outcome) : outcome.ok) capture.handle.watch(armed);
  }

  const main = (
    <>
      <h3 id={headingId}>{title}</h3>
      <p className="why">{why}</p>
      {children && <div className="inputs">{children}</div>}
      <button type="button" className="primary" onClick={() => void onClick()} disabled={runner.running || disabled}>
        {runner.running ? 'Running…' : button}
      </button>
      <StepResultBlock
        result={runner.result}
        renderData={render}
        note={
          restored && (
            <p className="muted small kept-note">
              Last result, kept from before: its tokens are kept without their signature and its secrets masked.
            </p>
          )
        }
      />
    </>
  );
  if (!capture) {
    return (
      <section className="step" aria-labelledby={headingId}>
        {main}
      </section>
    );
  }
  return (
    <section className="step step-with-capture" aria-labelledby={headingId}>
      <div className="step-main">{main}</div>
      <CapturePanel handle={capture.handle} kind={capture.target.kind} onUseCode={capture.onUseCode} />
    </section>
  );
}
