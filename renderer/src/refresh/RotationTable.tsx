import { maskSecret } from '../wire/mask.js';
import { claimOf, localTime, sessionIdOf, signatureTail, type Rotation } from './rotation.js';

/** Old and new side by side: what rotated, and what stayed. */
export function RotationTable({ before, after }: Rotation) {
  const sameSession = sessionIdOf(before) === sessionIdOf(after);
  const rotated = before.refresh_token !== after.refresh_token;
  const sameToken = before.access_token === after.access_token;
  const [iatBefore, iatAfter] = [claimOf(before, 'iat'), claimOf(after, 'iat')];
  const sameSecond = iatBefore === iatAfter;
  const jti = claimOf(after, 'jti');
  return (
    <>
      <table className="compare" aria-label="Before and after the refresh">
        <thead>
          <tr>
            <th />
            <th>before</th>
            <th>after</th>
            <th />
          </tr>
        </thead>
        <tbody>
          <tr>
            <th>refresh token</th>
            <td><code>{maskSecret(before.refresh_token)}</code></td>
            <td><code>{maskSecret(after.refresh_token)}</code></td>
            <td className={rotated ? 'verdict-ok' : 'verdict-bad'}>{rotated ? 'rotated' : 'unchanged'}</td>
          </tr>
          <tr>
            <th>session_id</th>
            <td><code>{sessionIdOf(before)}</code></td>
            <td><code>{sessionIdOf(after)}</code></td>
            <td className={sameSession ? 'verdict-ok' : 'verdict-bad'}>{sameSession ? 'same session' : 'new session'}</td>
          </tr>
          <tr>
            <th>access token signature</th>
            <td><code>{signatureTail(before.access_token)}</code></td>
            <td><code>{signatureTail(after.access_token)}</code></td>
            <td className="verdict-neutral">{sameToken ? 'identical token' : 'new token'}</td>
          </tr>
          {jti !== undefined && (
            <tr>
              <th>jti</th>
              <td><code>{String(claimOf(before, 'jti'))}</code></td>
              <td><code>{String(jti)}</code></td>
              <td className="verdict-neutral">{claimOf(before, 'jti') === jti ? 'same' : 'new'}</td>
            </tr>
          )}
          <tr>
            <th>issued (iat)</th>
            <td>{localTime(iatBefore)}</td>
            <td>{localTime(iatAfter)}</td>
            <td className="verdict-neutral">{sameSecond ? 'same second' : 'later'}</td>
          </tr>
          <tr>
            <th>access token expires</th>
            <td>{localTime(before.expires_at)}</td>
            <td>{localTime(after.expires_at)}</td>
            <td className="verdict-neutral">{before.expires_at === after.expires_at ? 'same second' : 'later'}</td>
          </tr>
        </tbody>
      </table>
      {sameSecond && (
        <p className="small" aria-label="Why the times are equal">
          Both access tokens were issued within the same second: iat and exp count whole seconds, so they are equal.
          What changed is the refresh token (the old one is spent){' '}
          {sameToken
            ? 'and nothing else: the access token has no jti, every claim is the same and an HS256 signature of the same claims is the same, so the new access token is byte for byte the old one.'
            : 'and the access token’s signature.'}{' '}
          Refresh again a second later to see iat and exp move.
        </p>
      )}
    </>
  );
}
