import type { ReactNode } from 'react';
import { maskJson } from '../wire/mask.js';
import type { Outcome } from './outcome.js';

interface Props {
  outcome: Outcome;
  renderData?: ((data: unknown) => ReactNode) | undefined;
}

/** Success shows the data (tokens masked, as in the wire log); failure shows code, status, message. */
export function OutcomeView({ outcome, renderData }: Props) {
  if (!outcome.ok) {
    return (
      <div className="outcome outcome-error" role="status">
        <span className="outcome-mark">✗</span>
        {outcome.code && <code className="error-code">{outcome.code}</code>}
        {outcome.local ? (
          <span className="error-status">nothing sent</span>
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
  return (
    <div className="outcome outcome-ok" role="status">
      <div>
        <span className="outcome-mark">✓</span> Succeeded
      </div>
      {renderData
        ? renderData(outcome.data)
        : outcome.data !== null && <pre className="json">{JSON.stringify(maskJson(outcome.data), null, 2)}</pre>}
    </div>
  );
}
