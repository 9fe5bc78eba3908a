import type { AuthMFAEnrollTOTPResponse, Factor } from '@supabase/supabase-js';
import { CopyButton } from '../ui/CopyButton.js';

export type Enrolled = NonNullable<AuthMFAEnrollTOTPResponse['data']>;

interface Aal {
  currentLevel: string | null;
  nextLevel: string | null;
  currentAuthenticationMethods: { method: string; timestamp: number }[];
}

/**
 * The QR code as an image. GoTrue answers SVG markup (supabase-js prefixes it with a data: scheme);
 * shown through <img>, where an SVG cannot run script or reach the page, never as HTML.
 */
export function qrImageSrc(qrCode: string): string | null {
  const svg = qrCode.replace(/^data:image\/svg\+xml;(utf-8|charset=utf-8),/, '');
  // an XML prolog and comments may come first (GoTrue's SVGo writes both)
  if (!/^\s*(<\?xml[^>]*\?>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s>]/.test(svg)) return null;
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

export function EnrolledView({ data }: { data: Enrolled }) {
  const src = qrImageSrc(data.totp.qr_code);
  // a kept result (keepable.ts) has the secret, URI and QR code masked
  const kept = data.totp.qr_code.endsWith('…');
  return (
    <div className="totp-enrolled">
      {src ? (
        <img className="totp-qr" src={src} alt="QR code of the TOTP secret" width={180} height={180} />
      ) : kept ? (
        <p className="muted small">The QR code is not kept once you leave the screen: it carries the secret.</p>
      ) : (
        <p className="error-text">The QR code is not SVG.</p>
      )}
      <dl className="totp-facts">
        <dt>factor id</dt>
        <dd>
          <code>{data.id}</code> <span className="muted small">(unverified until the first code)</span>
        </dd>
        <dt>secret</dt>
        <dd>
          <code className="totp-secret" aria-label="TOTP secret">{data.totp.secret}</code>
          {!kept && <CopyButton value={data.totp.secret} what="secret" />}
        </dd>
        <dt>otpauth URI</dt>
        <dd>
          <code className="totp-uri" aria-label="otpauth URI">{data.totp.uri}</code>
          {!kept && <CopyButton value={data.totp.uri} what="URI" />}
        </dd>
      </dl>
      <p className="muted small">
        Scan the code with an authenticator app (or type the secret). Anyone with the secret can make codes: GoTrue shows it
        only here, once.
      </p>
    </div>
  );
}

export function AalView({ data }: { data: unknown }) {
  const aal = data as Aal;
  return (
    <table className="compare" aria-label="Assurance level">
      <tbody>
        <tr>
          <th>currentLevel</th>
          <td>
            <code className="aal">{aal.currentLevel ?? 'null'}</code>
          </td>
        </tr>
        <tr>
          <th>nextLevel</th>
          <td>
            <code className="aal">{aal.nextLevel ?? 'null'}</code>
            {aal.nextLevel !== aal.currentLevel && <span className="muted small"> — the user has a verified factor: an app should ask for a code</span>}
          </td>
        </tr>
        <tr>
          <th>amr</th>
          <td>{aal.currentAuthenticationMethods.map((m) => m.method).join(', ') || '(none)'}</td>
        </tr>
      </tbody>
    </table>
  );
}

export function FactorList({ data }: { data: unknown }) {
  const all = (data as { all?: Factor[] }).all ?? [];
  if (all.length === 0) return <p className="small">No factors.</p>;
  return (
    <table className="compare" aria-label="Factors">
      <thead>
        <tr>
          <th>id</th>
          <th>type</th>
          <th>name</th>
          <th>status</th>
        </tr>
      </thead>
      <tbody>
        {all.map((f) => (
          <tr key={f.id}>
            <td>
              <code>{f.id.slice(0, 8)}…</code>
            </td>
            <td>{f.factor_type}</td>
            <td>{f.friendly_name || '—'}</td>
            <td>{f.status}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
