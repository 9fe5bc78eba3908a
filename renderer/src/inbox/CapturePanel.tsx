import { useEffect, useState } from 'react';
import { useExplorer } from '../explorer/ExplorerProvider.js';
import { listSms, newestCaptureId, type Sms } from './inbox-api.js';
import { MailView } from './MailView.js';
import { SmsView } from './SmsView.js';
import type { CaptureHandle, CaptureState } from './use-capture.js';

const POLL_MS = 500;
/** GoTrue sends mail inside the request, so anything later than this is not coming. */
const GIVE_UP_MS = 15_000;

function describe(state: CaptureState): string {
  return state.target.kind === 'mail' ? state.target.address : state.target.phone;
}

/** Polls the inbox until a message newer than the baseline reaches the target. */
function Waiting({ state, onFound }: { state: CaptureState; onFound(id: string): void }) {
  const { inboxUrl } = useExplorer();
  const [attempt, setAttempt] = useState(0);
  const [gaveUp, setGaveUp] = useState(false);
  useEffect(() => {
    let live = true;
    const started = Date.now();
    setGaveUp(false);
    const poll = async () => {
      while (live) {
        const id = await newestCaptureId(inboxUrl, state.target).catch(() => null);
        if (!live) return;
        if (id && id !== state.baselineId) return onFound(id);
        if (Date.now() - started > GIVE_UP_MS) return setGaveUp(true);
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    };
    void poll();
    return () => {
      live = false;
    };
    // onFound only stores state; re-polling on its identity would restart the wait each render
  }, [inboxUrl, state.target, state.baselineId, attempt]);

  if (!gaveUp) return <p className="muted">Waiting for {state.target.kind === 'mail' ? 'a mail' : 'an SMS'} to {describe(state)}…</p>;
  return (
    <div>
      <p className="mail-note warn">
        Nothing new reached {describe(state)}. GoTrue answers 200 without sending when there is nothing to send (an unknown
        address on /recover, say).
      </p>
      <button type="button" onClick={() => setAttempt((n) => n + 1)}>
        Check again
      </button>
    </div>
  );
}

function CapturedSms({ phone, id, onUseCode }: { phone: string; id: string; onUseCode?: ((code: string) => void) | undefined }) {
  const { inboxUrl } = useExplorer();
  const [sms, setSms] = useState<Sms | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    listSms(inboxUrl, 50, phone)
      .then((list) => live && setSms(list.find((m) => m.id === id) ?? null))
      .catch(() => live && setSms(null));
    return () => {
      live = false;
    };
  }, [inboxUrl, phone, id]);
  if (sms === undefined) return <p className="muted">Loading the SMS…</p>;
  if (sms === null) return <p className="error-text">The SMS is no longer in the outbox.</p>;
  return <SmsView sms={sms} onUseCode={onUseCode} />;
}

/** Beside a step: the mail or SMS that step made GoTrue send. */
export function CapturePanel(props: { handle: CaptureHandle; kind: 'mail' | 'sms'; onUseCode?: ((code: string) => void) | undefined }) {
  const { handle, kind, onUseCode } = props;
  const { state } = handle;
  const title = kind === 'mail' ? 'Mail' : 'SMS';
  return (
    <aside className="capture" aria-label={title}>
      <h4>{title}</h4>
      {!state && <p className="muted small">The {kind === 'mail' ? 'mail' : 'text message'} this step sends shows here, read from the emulator’s inbox.</p>}
      {state?.error && <p className="error-text">{state.error}</p>}
      {state && !state.error && !state.messageId && <Waiting state={state} onFound={handle.found} />}
      {state?.messageId && state.target.kind === 'mail' && <MailView id={state.messageId} onUseCode={onUseCode} />}
      {state?.messageId && state.target.kind === 'sms' && <CapturedSms phone={state.target.phone} id={state.messageId} onUseCode={onUseCode} />}
    </aside>
  );
}
