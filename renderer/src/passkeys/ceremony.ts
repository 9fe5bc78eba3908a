// supabase-js's own WebAuthn helpers (not re-exported from its index): the explorer runs the browser
// half of the ceremony with exactly the code registerPasskey and signInWithPasskey use, one step at a time
import {
  createCredential,
  deserializeCredentialCreationOptions,
  deserializeCredentialRequestOptions,
  getCredential,
  serializeCredentialCreationResponse,
  serializeCredentialRequestResponse,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
  type ServerCredentialCreationOptions,
  type ServerCredentialRequestOptions,
} from '@supabase/auth-js/dist/module/lib/webauthn.js';
import { base64url } from 'jose';

export type { AuthenticationResponseJSON, RegistrationResponseJSON, ServerCredentialCreationOptions, ServerCredentialRequestOptions };

/** What the browser put in clientDataJSON: the relying party checks each field. */
export interface ClientData {
  type: string;
  challenge: string;
  origin: string;
  crossOrigin?: boolean;
}

export function decodeClientData(clientDataJSON: string): ClientData | null {
  try {
    return JSON.parse(new TextDecoder().decode(base64url.decode(clientDataJSON))) as ClientData;
  } catch {
    return null;
  }
}

/** navigator.credentials.create() with the server's options; the new credential as the JSON GoTrue reads. */
export async function createPasskeyCredential(options: ServerCredentialCreationOptions) {
  const { data, error } = await createCredential({ publicKey: deserializeCredentialCreationOptions(options) });
  if (error) return { data: null, error };
  return { data: serializeCredentialCreationResponse(data), error: null };
}

/** navigator.credentials.get() with the server's options; the assertion as the JSON GoTrue reads. */
export async function getPasskeyAssertion(options: ServerCredentialRequestOptions) {
  const { data, error } = await getCredential({ publicKey: deserializeCredentialRequestOptions(options) });
  if (error) return { data: null, error };
  return { data: serializeCredentialRequestResponse(data), error: null };
}

/** This page (its route kept) at localhost, the one plain-http host where browsers run WebAuthn. */
export const localhostUrl = (location: Location) => `http://localhost:${location.port}${location.pathname}${location.hash}`;

/** Why WebAuthn cannot run on this page, if it cannot: browsers refuse IP-address origins and plain http off localhost. */
export function originProblem(location: Location): string | null {
  if (typeof PublicKeyCredential === 'undefined') return 'this browser has no WebAuthn (PublicKeyCredential)';
  if (/^\d+\.\d+\.\d+\.\d+$|^\[/.test(location.hostname)) return `the page is at ${location.origin}, an IP address`;
  if (!window.isSecureContext) return `the page at ${location.origin} is not a secure context`;
  return null;
}
