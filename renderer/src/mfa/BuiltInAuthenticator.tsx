import { useEffect, useState } from 'react';
import { useNowSeconds } from '../jwt/use-now.js';
import { UseCodeButton } from '../ui/CopyButton.js';
import { totpCode } from './totp.js';

const PERIOD = 30;

/**
 * Stands in for the phone: the code an authenticator app would show now for the enrolled secret
 * (RFC 6238 with WebCrypto, GoTrue's 6 digits every 30 seconds), computed in this page.
 */
export function BuiltInAuthenticator({ secret, onUse }: { secret: string | null; onUse(code: string): void }) {
  const now = useNowSeconds();
  const slot = Math.floor(now / PERIOD);
  const [code, setCode] = useState<{ slot: number; value: string } | { slot: number; error: string } | null>(null);

  useEffect(() => {
    if (!secret) return;
    let live = true;
    totpCode(secret, slot * PERIOD).then(
      (value) => live && setCode({ slot, value }),
      (e: unknown) => live && setCode({ slot, error: (e as Error).message }),
    );
    return () => {
      live = false;
    };
  }, [secret, slot]);

  return (
    <section className="built-in-authenticator" aria-label="Built-in authenticator">
      <h4>Built-in authenticator (stands in for the authenticator app)</h4>
      {!secret ? (
        <p className="muted small">Enroll a TOTP factor above: its secret is handed to this generator, as scanning the QR code hands it to a phone.</p>
      ) : !code ? (
        <p className="muted small">Computing…</p>
      ) : 'error' in code ? (
        <p className="error-text">{code.error}</p>
      ) : (
        <p>
          <code className="totp-secret" aria-label="Current TOTP code">
            {code.value}
          </code>{' '}
          <span className="muted small">changes in {PERIOD - (now % PERIOD)} s</span> <UseCodeButton code={code.value} onUse={onUse} />
        </p>
      )}
    </section>
  );
}
