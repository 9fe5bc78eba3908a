import { useSession } from '../devices/use-session.js';
import { useExplorer } from '../explorer/ExplorerProvider.js';
import type { Device } from '../devices/device.js';
import { SendToWorkbench } from '../tokens/SendToWorkbench.js';
import { CopyButton } from '../ui/CopyButton.js';
import { decodeJwt, GOTRUE_CLAIMS } from './decode-jwt.js';
import { useNowSeconds } from './use-now.js';

const TIME_CLAIMS = new Set(['exp', 'iat', 'nbf']);

function formatCountdown(seconds: number): string {
  if (seconds <= 0) return 'expired';
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const mmss = `${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  return h > 0 ? `${h}:${mmss}` : mmss;
}

/** Local time of a JWT timestamp; the date only when it is not today. */
function localTime(seconds: number): string {
  const date = new Date(seconds * 1000);
  return date.toDateString() === new Date().toDateString() ? date.toLocaleTimeString() : date.toLocaleString();
}

/** Pretty JSON, one top-level key per line, so single claims can carry a note or a highlight. */
function ClaimsJson({ value, annotate }: { value: Record<string, unknown>; annotate: boolean }) {
  const entries = Object.entries(value);
  return (
    <pre className="json">
      {'{\n'}
      {entries.map(([key, v], i) => {
        const gotrue = annotate ? GOTRUE_CLAIMS[key] : undefined;
        const time = annotate && TIME_CLAIMS.has(key) && typeof v === 'number' ? localTime(v) : undefined;
        const text = JSON.stringify(v, null, 2).replace(/\n/g, '\n  ');
        return (
          <span key={key} className={gotrue ? 'claim claim-gotrue' : 'claim'} title={gotrue}>
            {'  '}
            <span className="json-key">"{key}"</span>: {text}
            {i < entries.length - 1 ? ',' : ''}
            {gotrue && <span className="claim-badge">GoTrue</span>}
            {time && <span className="claim-note">// {time}</span>}
            {'\n'}
          </span>
        );
      })}
      {'}'}
    </pre>
  );
}

function DeviceToken({ device }: { device: Device }) {
  const session = useSession(device);
  const now = useNowSeconds();
  if (!session) return <p className="muted">{device.label} has no session. Sign in to see its access token.</p>;
  const decoded = decodeJwt(session.access_token);
  if (!decoded) return <p className="error-text">The access token is not a readable JWT.</p>;
  const exp = typeof decoded.claims.exp === 'number' ? decoded.claims.exp : undefined;
  return (
    <div className="jwt">
      {exp !== undefined && (
        <p className={exp - now > 0 ? 'countdown' : 'countdown expired'} aria-label="Expires in">
          expires in <strong>{formatCountdown(exp - now)}</strong> <span className="muted">at {localTime(exp)}</span>
        </p>
      )}
      <p className="token-actions">
        <CopyButton value={session.access_token} what={`${device.label} access token`} />
        <SendToWorkbench token={session.access_token} />
      </p>
      <h4>Header</h4>
      <ClaimsJson value={decoded.header} annotate={false} />
      <h4>Claims</h4>
      <ClaimsJson value={decoded.claims} annotate />
      <p className="muted small">
        <span className="claim-badge">GoTrue</span> claims set by GoTrue on top of the standard ones; hover for what each means.
      </p>
    </div>
  );
}

/** The decoded access token of each device; only the header and claims, never the signature check. */
export function JwtView() {
  const { devices } = useExplorer();
  return (
    <aside className="jwt-panel" aria-label="Access token">
      <h3>Access token</h3>
      {devices.map((device) => (
        <details key={device.id} open className="jwt-device">
          <summary>{device.label}</summary>
          <DeviceToken device={device} />
        </details>
      ))}
    </aside>
  );
}
