import type { Session } from '@supabase/supabase-js';
import { decodeJwt } from './decode-jwt.js';

interface AmrEntry {
  method: string;
  timestamp: number;
}

function amrOf(accessToken: string): AmrEntry[] {
  const amr = decodeJwt(accessToken)?.claims.amr;
  return Array.isArray(amr) ? amr.filter((e): e is AmrEntry => !!e && typeof e === 'object' && typeof e.method === 'string') : [];
}

/** How a session step signed in (the access token's amr claim); who is signed in is the outcome's summary line. */
export function SessionSummary({ data }: { data: unknown }) {
  const session = (data as { session?: Session | null } | null)?.session;
  if (!session) return <p className="small">No session in the answer.</p>;
  const amr = amrOf(session.access_token);
  return (
    <div className="session-summary">
      <p className="small" aria-label="amr claim">
        amr claim:{' '}
        {amr.length === 0
          ? '(none)'
          : amr.map((entry, i) => (
              <span key={i}>
                {i > 0 && ', '}
                <code className="amr-method">{entry.method}</code>
                <span className="muted"> at {new Date(entry.timestamp * 1000).toLocaleTimeString()}</span>
              </span>
            ))}
      </p>
    </div>
  );
}
