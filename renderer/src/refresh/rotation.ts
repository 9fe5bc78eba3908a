import type { Session } from '@supabase/supabase-js';
import { decodeJwt } from '../jwt/decode-jwt.js';

/** The session before a refresh and the one the refresh answered. */
export interface Rotation {
  before: Session;
  after: Session;
}

export function sessionIdOf(session: Session): string {
  const id = decodeJwt(session.access_token)?.claims.session_id;
  return typeof id === 'string' ? id : '(none)';
}

export function claimOf(session: Session, name: string): unknown {
  return decodeJwt(session.access_token)?.claims[name];
}

export function localTime(epoch: unknown): string {
  return typeof epoch === 'number' ? new Date(epoch * 1000).toLocaleTimeString() : '—';
}

/** The JWT's last part: what tells two tokens apart when their claims are the same. */
export function signatureTail(token: string): string {
  const signature = token.split('.')[2] ?? '';
  return signature ? `…${signature.slice(-10)}` : '(none)';
}
