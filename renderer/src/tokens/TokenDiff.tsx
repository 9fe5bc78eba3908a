import { useState } from 'react';
import { decodeJwt } from '../jwt/decode-jwt.js';
import { useNowSeconds } from '../jwt/use-now.js';
import { diffClaims } from './claims-diff.js';
import { showValue, TimeNote } from './ClaimsTable.js';

const CHANGE_CLASS = { added: 'verdict-ok', removed: 'verdict-bad', changed: 'verdict-neutral', same: 'muted' } as const;

/** Claims of an older token against the current one: what a step up, a refresh or an update changed. */
export function TokenDiff({ before, after }: { before: string; after: string }) {
  const now = useNowSeconds();
  const [onlyChanges, setOnlyChanges] = useState(false);
  const a = decodeJwt(before.trim());
  const b = decodeJwt(after.trim());
  if (!a || !b) return <p className="error-text">{!a ? 'The token to compare with' : 'The token above'} is not a readable JWT.</p>;
  const diff = diffClaims(a.claims, b.claims);
  const changed = diff.filter((d) => d.change !== 'same').length;
  const shown = onlyChanges ? diff.filter((d) => d.change !== 'same') : diff;
  return (
    <>
      <p className="small" aria-label="Difference summary">
        {changed === 0 ? 'The claims are the same.' : `${changed} of ${diff.length} claims differ.`}
      </p>
      <label>
        <input type="checkbox" checked={onlyChanges} onChange={(e) => setOnlyChanges(e.target.checked)} /> Only the claims that differ
      </label>
      <table className="compare" aria-label="Claims compared">
        <thead>
          <tr>
            <th>claim</th>
            <th>before</th>
            <th>after</th>
            <th>change</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((d) => (
            <tr key={d.claim} data-change={d.change}>
              <th>{d.claim}</th>
              <td>
                {d.change !== 'added' && <code>{showValue(d.before)}</code>} <TimeNote claim={d.claim} value={d.before} now={now} />
              </td>
              <td>
                {d.change !== 'removed' && <code>{showValue(d.after)}</code>} <TimeNote claim={d.claim} value={d.after} now={now} />
              </td>
              <td className={CHANGE_CLASS[d.change]}>{d.change}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
