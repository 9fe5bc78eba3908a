import { base64url } from 'jose';

export interface DecodedJwt {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
}

function decodePart(part: string): Record<string, unknown> {
  const value: unknown = JSON.parse(new TextDecoder().decode(base64url.decode(part)));
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('not a JSON object');
  return value as Record<string, unknown>;
}

/** Reads a JWT without verifying it: the explorer shows what the client holds, it does not trust it. */
export function decodeJwt(token: string): DecodedJwt | null {
  const [header, claims] = token.split('.');
  if (!header || !claims) return null;
  try {
    return { header: decodePart(header), claims: decodePart(claims) };
  } catch {
    return null;
  }
}

/** Claims GoTrue adds beyond the registered JWT ones, with what each tells an app. */
export const GOTRUE_CLAIMS: Record<string, string> = {
  aal: 'Authenticator assurance level: aal1 after a password, aal2 after MFA',
  amr: 'How and when this session authenticated (password, otp, oauth, mfa…)',
  session_id: 'The server-side session this token belongs to; survives refreshes',
  is_anonymous: 'True for users created by anonymous sign-in',
};
