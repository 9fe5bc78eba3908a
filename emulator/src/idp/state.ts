import { exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import type { OAuthProviderName } from '../config.js';
import type { Random } from '../clock.js';

/**
 * What the fake identity provider keeps: its signing key, pending authorization codes, issued
 * access tokens and the accounts people picked. In memory and per emulator (held by its
 * services object), so two emulators in one process never share a key or a code.
 */

/** A person at the provider, as the consent page collects it. */
export interface IdpAccount {
  /** The provider's user id (`sub`). */
  sub: string;
  email: string;
  emailVerified: boolean;
  name: string;
  picture: string;
  /** GitHub-style login; derived from the email when not given. */
  userName: string;
}

export interface AuthorizationRequest {
  provider: OAuthProviderName;
  clientId: string;
  redirectUri: string;
  state: string;
  scope: string;
  nonce: string;
  codeChallenge: string;
  codeChallengeMethod: string;
}

interface IssuedCode extends AuthorizationRequest {
  account: IdpAccount;
  expiresAt: number;
}

interface IssuedToken {
  provider: OAuthProviderName;
  clientId: string;
  account: IdpAccount;
  scope: string;
  expiresAt: number;
}

export interface IdpState {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
  codes: Map<string, IssuedCode>;
  accessTokens: Map<string, IssuedToken>;
  refreshTokens: Map<string, IssuedToken>;
  /** Accounts offered on the consent page, most recent first, per provider. */
  accounts: Map<OAuthProviderName, IdpAccount[]>;
}

export interface IdpStore {
  /** The provider's state; the ES256 key is generated on first use. */
  state(): Promise<IdpState>;
  /**
   * Forgets every code, token and remembered account, as emulator.reset() forgets users, so a code
   * handed out before a reset cannot sign anyone in after it. The signing key stays: like the
   * emulator's own keys it is configuration, not data, and relying parties may have cached the JWKS.
   */
  reset(): Promise<void>;
}

export function createIdpStore(random: Random): IdpStore {
  let state: Promise<IdpState> | undefined;
  const create = async (): Promise<IdpState> => {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const kid = `authlab-idp-${random.uuid().slice(0, 8)}`;
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
    return { kid, privateKey, publicJwk, codes: new Map(), accessTokens: new Map(), refreshTokens: new Map(), accounts: new Map() };
  };
  return {
    state: () => (state ??= create()),
    async reset() {
      if (!state) return;
      const current = await state;
      current.codes.clear();
      current.accessTokens.clear();
      current.refreshTokens.clear();
      current.accounts.clear();
    },
  };
}

/** Two people every consent page offers, so a click is enough to sign in. */
export const SAMPLE_ACCOUNTS: readonly Omit<IdpAccount, 'sub'>[] = [
  { email: 'ada@example.com', emailVerified: true, name: 'Ada Lovelace', picture: '', userName: 'ada' },
  { email: 'alan@example.com', emailVerified: true, name: 'Alan Turing', picture: '', userName: 'alan' },
];

/** A stable numeric provider id for an email (GitHub ids are integers, Google's are digit strings). */
export async function subjectFor(provider: string, email: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${provider}:${email.toLowerCase()}`)));
  let n = 0;
  for (const b of digest.slice(0, 4)) n = n * 256 + b;
  return String(10_000_000 + (n % 2_000_000_000));
}

/** The accounts to offer: the ones picked before, then the samples not among them. */
export async function offeredAccounts(state: IdpState, provider: OAuthProviderName): Promise<IdpAccount[]> {
  const remembered = state.accounts.get(provider) ?? [];
  const samples = await Promise.all(SAMPLE_ACCOUNTS.map(async (a) => ({ ...a, sub: await subjectFor(provider, a.email) })));
  return [...remembered, ...samples.filter((a) => !remembered.some((r) => r.sub === a.sub))];
}

export function rememberAccount(state: IdpState, provider: OAuthProviderName, account: IdpAccount) {
  const list = (state.accounts.get(provider) ?? []).filter((a) => a.sub !== account.sub);
  state.accounts.set(provider, [account, ...list].slice(0, 8));
}
