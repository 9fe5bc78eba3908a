import { useExplorer } from '../explorer/ExplorerProvider.js';
import { useSessionState } from '../ui/use-session-state.js';
import { newestCaptureId, type CaptureTarget } from './inbox-api.js';

/**
 * What a step's mail panel shows: the newest mail (or SMS) to the target that arrived after the
 * step ran. The id found before the step is the baseline, so an older mail never passes for the
 * new one (no clock comparison: the emulator's clock may be moved by tests).
 */
export interface CaptureState {
  target: CaptureTarget;
  /** The newest message before the step, or null when there was none. */
  baselineId: string | null;
  /** The message the step caused, once it has arrived. */
  messageId: string | null;
  /** The inbox could not be read before the step: shown instead of waiting forever. */
  error?: string;
}

export interface CaptureHandle {
  state: CaptureState | null;
  /** Takes the baseline; call before the step's request. */
  arm(target: CaptureTarget): Promise<CaptureState>;
  /** The step succeeded: start waiting for the new message. */
  watch(armed: CaptureState): void;
  found(id: string): void;
  clear(): void;
}

/** Kept in sessionStorage under `key`, so the mail is still shown after following its link. */
export function useCapture(key: string): CaptureHandle {
  const { inboxUrl } = useExplorer();
  const [state, setState] = useSessionState<CaptureState | null>(`authlab.capture.${key}`, () => null);
  return {
    state,
    async arm(target) {
      try {
        return { target, baselineId: await newestCaptureId(inboxUrl, target), messageId: null };
      } catch (e) {
        return { target, baselineId: null, messageId: null, error: `Cannot read the inbox at ${inboxUrl}: ${(e as Error).message}` };
      }
    },
    watch: (armed) => setState(armed),
    found: (id) => setState((current) => (current ? { ...current, messageId: id } : null)),
    clear: () => setState(null),
  };
}
