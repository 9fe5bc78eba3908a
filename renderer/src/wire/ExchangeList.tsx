import { useState } from 'react';
import { SendToWorkbench } from '../tokens/SendToWorkbench.js';
import { CopyButton } from '../ui/CopyButton.js';
import { tokensInBody } from './body-tokens.js';
import { formatBody, formatHeaders, formatUrl } from './mask.js';
import type { WireEntry } from './wire-log.js';

function statusClass(status: number): string {
  if (status === 0 || status >= 400) return 'status status-error';
  return 'status status-ok';
}

function Exchange({ entry }: { entry: WireEntry }) {
  const [reveal, setReveal] = useState(false);
  const url = formatUrl(entry.url, reveal);
  const path = url.replace(/^https?:\/\/[^/]+/, '');
  return (
    <details className="exchange" aria-label={`${entry.method} ${path}`}>
      <summary>
        <span className="method">{entry.method}</span>
        <span className="path">{path}</span>
        {/* the test id lets e2e assert the status itself, not a number anywhere in the exchange */}
        <span className={statusClass(entry.status)} data-testid="exchange-status">{entry.status || 'failed'}</span>
        <span className="duration">{Math.round(entry.durationMs)} ms</span>
        <span className="device-tag">{entry.deviceId.length === 1 ? `device ${entry.deviceId}` : entry.deviceId}</span>
      </summary>
      <div className="exchange-body">
        <label className="reveal">
          <input type="checkbox" checked={reveal} onChange={(e) => setReveal(e.target.checked)} /> reveal secrets
        </label>
        <div className="exchange-url">{url}</div>
        {entry.networkError && <p className="error-text">Network error: {entry.networkError}</p>}
        {/* the boxes below scroll when long: focusable, so a keyboard can scroll them */}
        <div className="exchange-columns">
          <div>
            <h5>Request</h5>
            <pre tabIndex={0}>{formatHeaders(entry.requestHeaders, reveal)}</pre>
            {entry.requestBody && <pre tabIndex={0}>{formatBody(entry.requestBody, reveal)}</pre>}
          </div>
          <div>
            <h5>Response</h5>
            <pre tabIndex={0}>{formatHeaders(entry.responseHeaders, reveal)}</pre>
            {entry.responseBody ? <pre tabIndex={0}>{formatBody(entry.responseBody, reveal)}</pre> : <p className="muted">(no body)</p>}
            {tokensInBody(entry.responseBody).map(([name, value]) => (
              // copied whole without revealing it on screen
              <p key={name} className="small">
                {name} <CopyButton value={value} what={`${name} from the response`} />
                {/^eyJ/.test(value) && <SendToWorkbench token={value} label={`Send ${name} to Tokens`} />}
              </p>
            ))}
          </div>
        </div>
      </div>
    </details>
  );
}

/** The HTTP exchanges one step made; secrets masked until the reader asks, entry by entry. */
export function ExchangeList({ entries }: { entries: readonly WireEntry[] }) {
  if (entries.length === 0) return null;
  return (
    <div className="exchanges">
      <h4>HTTP exchanges ({entries.length})</h4>
      {entries.map((entry) => (
        <Exchange key={entry.seq} entry={entry} />
      ))}
    </div>
  );
}
