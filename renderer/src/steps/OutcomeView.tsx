import type { ReactNode } from 'react';
import { maskJson } from '../wire/mask.js';
import type { Outcome } from './outcome.js';
import { summarizeData } from './outcome-summary.js';

interface Props {
  outcome: Outcome;
  renderData?: ((data: unknown) => ReactNode) | undefined;
  /** The HTTP status of the step's last exchange, for the one-line summary of a success. */
  httpStatus?: number | undefined;
}

/**
 * Failure shows code, status, message, all in the live region (they are short). Success announces
 * one line (who is signed in, the HTTP status) and keeps the data out of the live region: the
 * step's own rendering, and the raw answer (tokens masked, as in the wire log) folded away.
 */
export function OutcomeView({ outcome, renderData, httpStatus }: Props) {
  if (!outcome.ok) {
    return (
      <div className="outcome outcome-error" role="status">
        <span className="outcome-mark">✗</span>
        {outcome.code && <code className="error-code">{outcome.code}</code>}
        {outcome.local ? (
          <span className="error-status">no request sent</span>
        ) : outcome.hint ? (
          <span className="error-status">no response</span>
        ) : (
          outcome.status !== undefined && <span className="error-status">HTTP {outcome.status}</span>
        )}
        <span className="error-message">{outcome.message}</span>
        {outcome.local && (
          <p className="error-hint">
            supabase-js answered this itself, without a request{outcome.status !== undefined && <> (its {outcome.status} is not from the server)</>}.
          </p>
        )}
        {outcome.hint && <p className="error-hint">{outcome.hint}</p>}
      </div>
    );
  }
  const summary = [summarizeData(outcome.data), httpStatus ? `HTTP ${httpStatus}` : null].filter(Boolean).join(' — ');
  return (
    <div className="outcome outcome-ok">
      <p className="outcome-summary" role="status">
        <span className="outcome-mark">✓</span> Succeeded{summary && <> — {summary}</>}
      </p>
      {renderData?.(outcome.data)}
      {outcome.data !== null && (
        <details className="outcome-json" aria-label="Response data">
          <summary>Response data (JSON)</summary>
          {/* focusable: a box that scrolls must be reachable by keyboard */}
          <pre className="json" tabIndex={0}>
            {JSON.stringify(maskJson(outcome.data), null, 2)}
          </pre>
        </details>
      )}
    </div>
  );
}
