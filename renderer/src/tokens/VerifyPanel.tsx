import { useEffect, useState } from 'react';
import { useSessionState } from '../ui/use-session-state.js';
import { useJwks } from './use-jwks.js';
import { ALGORITHMS, verifyToken, type Verdict } from './verify-token.js';
import { useStoredText, WORKBENCH } from './workbench-store.js';

/** `supabase start`'s JWT secret, and authlab's unless configured otherwise. */
const LOCAL_JWT_SECRET = 'super-secret-jwt-token-with-at-least-32-characters-long';
const PINNED = { secret: ['HS256'], jwks: ['ES256', 'RS256', 'EdDSA'] } as const;
type KeyKind = keyof typeof PINNED;

const VERDICT_TITLE: Record<Verdict['kind'], string> = {
  valid: 'Valid',
  expired: 'Expired',
  'not-yet-valid': 'Not valid yet',
  'bad-signature': 'Bad signature',
  'wrong-alg': 'Wrong algorithm',
  'no-key': 'No key',
  malformed: 'Malformed',
};

/** Checks the token's signature against the JWT secret or the emulator's JWKS, with pinned algorithms. */
export function VerifyPanel({ token }: { token: string }) {
  const [kind, setKind] = useSessionState<KeyKind>('authlab.tokens.key-kind', () => 'secret');
  const [algorithms, setAlgorithms] = useSessionState<string[]>('authlab.tokens.algorithms', () => [...PINNED.secret]);
  const [secret, setSecret] = useStoredText(WORKBENCH.secret, LOCAL_JWT_SECRET);
  const [reloads, setReloads] = useState(0);
  const jwks = useJwks(kind === 'jwks', reloads);
  const [verdict, setVerdict] = useState<Verdict | null>(null);

  useEffect(() => {
    setVerdict(null);
    if (!token.trim()) return;
    const key = kind === 'secret' ? (secret === null ? null : { kind, secret }) : jwks.status === 'ok' ? { kind, jwks: jwks.jwks } : null;
    if (!key) return;
    let live = true;
    void verifyToken(token, key, algorithms).then((v) => live && setVerdict(v));
    return () => {
      live = false;
    };
  }, [token, kind, secret, jwks, algorithms]);

  const choose = (next: KeyKind) => {
    setKind(next);
    setAlgorithms([...PINNED[next]]);
  };
  const pin = (alg: string, on: boolean) => setAlgorithms(on ? [...algorithms, alg] : algorithms.filter((a) => a !== alg));

  return (
    <section className="step" aria-labelledby="verify-heading">
      <h3 id="verify-heading">Verify the signature</h3>
      <fieldset className="credentials">
        <legend>Check against</legend>
        <label>
          <input type="radio" name="key-kind" checked={kind === 'secret'} onChange={() => choose('secret')} /> the JWT secret (HS256)
        </label>
        <label>
          <input type="radio" name="key-kind" checked={kind === 'jwks'} onChange={() => choose('jwks')} /> the emulator’s JWKS (asymmetric keys)
        </label>
      </fieldset>
      {kind === 'secret' ? (
        <label>
          JWT secret
          <input value={secret ?? ''} onChange={(e) => setSecret(e.target.value)} spellCheck={false} />
        </label>
      ) : (
        <p className="small">
          {jwks.status === 'ok' ? (
            <>
              <code>{jwks.url}</code>: {jwks.jwks.keys.length === 0 ? 'no keys (this emulator signs with the secret alone)' : jwks.jwks.keys.map((k) => `${k.kid ?? '(no kid)'} ${k.alg ?? k.kty}`).join(', ')}
            </>
          ) : jwks.status === 'error' ? (
            <span className="error-text">
              Could not read <code>{jwks.url}</code>: {jwks.message}
            </span>
          ) : (
            'Reading the JWKS…'
          )}{' '}
          <button type="button" className="copy-button" onClick={() => setReloads(reloads + 1)}>
            Reload JWKS
          </button>
        </p>
      )}
      <fieldset className="credentials">
        <legend>Allowed algorithms (pinned: the token’s own alg header is not trusted)</legend>
        {ALGORITHMS.map((alg) => (
          <label key={alg}>
            <input type="checkbox" checked={algorithms.includes(alg)} onChange={(e) => pin(alg, e.target.checked)} /> {alg}
          </label>
        ))}
      </fieldset>
      {verdict && (
        <div className={verdict.kind === 'valid' ? 'outcome outcome-ok' : 'outcome outcome-error'} role="status" aria-label="Verdict">
          <strong>{VERDICT_TITLE[verdict.kind]}</strong> — {verdict.message}
        </div>
      )}
    </section>
  );
}
