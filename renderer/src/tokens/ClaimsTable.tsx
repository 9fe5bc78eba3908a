import { useNowSeconds } from '../jwt/use-now.js';
import { GOTRUE_CLAIMS } from '../jwt/decode-jwt.js';
import { relativeTime, TIME_CLAIMS } from './relative-time.js';

/** "local time (relative)" for an epoch claim, or nothing for any other. */
export function TimeNote({ claim, value, now }: { claim: string; value: unknown; now: number }) {
  if (!TIME_CLAIMS.has(claim) || typeof value !== 'number') return null;
  return (
    <span className="muted small">
      {new Date(value * 1000).toLocaleString()} ({relativeTime(value, now)})
    </span>
  );
}

export const showValue = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/** A header or claims set, one row each, with local times beside the epoch claims. */
export function ClaimsTable({ label, value }: { label: string; value: Record<string, unknown> }) {
  const now = useNowSeconds();
  return (
    <table className="compare claims-table" aria-label={label}>
      <tbody>
        {Object.entries(value).map(([claim, v]) => (
          <tr key={claim}>
            <th title={GOTRUE_CLAIMS[claim]}>{claim}</th>
            <td>
              <code>{showValue(v)}</code> <TimeNote claim={claim} value={v} now={now} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
