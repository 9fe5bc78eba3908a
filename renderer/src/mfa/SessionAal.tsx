import type { Session } from '@supabase/supabase-js';
import { SessionSummary } from '../jwt/AmrView.js';
import { decodeJwt } from '../jwt/decode-jwt.js';

function aalOf(session: Session | null | undefined): string {
  const aal = session ? decodeJwt(session.access_token)?.claims.aal : undefined;
  return typeof aal === 'string' ? aal : '(none)';
}

/** A session's aal claim above its amr, for the steps that change them. */
export function SessionAal({ data }: { data: unknown }) {
  const session = (data as { session?: Session | null } | null)?.session ?? (data as Session | null);
  return (
    <div>
      <p className="small" aria-label="aal claim">
        aal claim: <code className="aal">{aalOf(session?.access_token ? session : null)}</code>
      </p>
      <SessionSummary data={{ session: session?.access_token ? session : null }} />
    </div>
  );
}

