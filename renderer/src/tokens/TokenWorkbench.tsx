import { decodeJwt } from '../jwt/decode-jwt.js';
import { CopyButton } from '../ui/CopyButton.js';
import { ClaimsTable } from './ClaimsTable.js';
import { TokenDiff } from './TokenDiff.js';
import { VerifyPanel } from './VerifyPanel.js';
import { useStoredText, WORKBENCH } from './workbench-store.js';

function TokenBox({ label, value, onChange }: { label: string; value: string; onChange(value: string): void }) {
  return (
    <div>
      <label>
        {label}
        <textarea rows={4} value={value} onChange={(e) => onChange(e.target.value.trim())} spellCheck={false} placeholder="eyJhbGciOi…" />
      </label>
      {value && <CopyButton value={value} what={label.toLowerCase()} />}
    </div>
  );
}

/**
 * Tokens, jwt.io-style but local: decode any JWT (times beside its epochs), verify it against the
 * JWT secret or the emulator's JWKS with pinned algorithms, and compare it with another token.
 */
export function TokenWorkbench() {
  const [token, setToken] = useStoredText(WORKBENCH.token);
  const [compare, setCompare] = useStoredText(WORKBENCH.compare);
  if (token === null || compare === null) return <div className="flow muted">Reading the workbench…</div>;
  const decoded = token ? decodeJwt(token) : null;

  return (
    <div className="flow">
      <header className="flow-intro">
        <h2>Tokens</h2>
        <p>
          Paste any JWT, or send one here from the token panel or a step (“Send to Tokens”). Nothing leaves the page: decoding
          and checking happen here, with the JWKS read from this emulator. Tokens pasted here are kept with the sessions, in
          the token storage.
        </p>
      </header>

      <section className="step" aria-labelledby="decode-heading">
        <h3 id="decode-heading">Decode</h3>
        <TokenBox label="Token" value={token} onChange={setToken} />
        {token && !decoded && <p className="error-text">Not a readable JWT: expected header.claims.signature in base64url.</p>}
        {decoded && (
          <div className="exchange-columns">
            <div>
              <h4>Header</h4>
              <ClaimsTable label="Header" value={decoded.header} />
            </div>
            <div>
              <h4>Claims</h4>
              <ClaimsTable label="Claims" value={decoded.claims} />
            </div>
          </div>
        )}
      </section>

      {decoded && <VerifyPanel token={token} />}

      <section className="step" aria-labelledby="compare-heading">
        <h3 id="compare-heading">Compare with another token</h3>
        <p className="why">
          An older token of the same session, say: before MFA (aal1) and after (aal2), or before and after a refresh. Sending a
          second token here moves the first one into this box.
        </p>
        <TokenBox label="Token to compare with" value={compare} onChange={setCompare} />
        {compare && token && (
          <>
            <button type="button" className="copy-button" onClick={() => {
                setToken(compare);
                setCompare(token);
              }}>
              Swap
            </button>
            <TokenDiff before={compare} after={token} />
          </>
        )}
      </section>
    </div>
  );
}
