import type { OAuthProviderName } from '../../config.js';

/**
 * What GoTrue learns from a provider (provider.UserProvidedData): the emails with their verified
 * and primary flags, and the Claims struct that becomes identity_data and user_metadata. Each
 * provider fills Claims its own way (api/provider/*.go); the fake provider's userinfo is read
 * as the real provider's answer would be.
 */
export interface ProviderEmail {
  email: string;
  verified: boolean;
  primary: boolean;
}

export interface UserProvidedData {
  emails: ProviderEmail[];
  /** Claims in GoTrue's field names, empty values left out (its structs omitempty tags). */
  metadata: Record<string, unknown> & { sub: string };
}

/** The `iss` GoTrue records for providers with a fixed host (the real provider's, not the fake's). */
const ISSUERS: Partial<Record<OAuthProviderName, string>> = {
  github: 'https://api.github.com',
  google: 'https://accounts.google.com',
  apple: 'https://appleid.apple.com',
  gitlab: 'https://gitlab.com',
  bitbucket: 'https://api.bitbucket.org/2.0',
  discord: 'https://discord.com/api',
  facebook: 'https://graph.facebook.com',
  kakao: 'https://kauth.kakao.com',
  linkedin_oidc: 'https://www.linkedin.com/oauth',
  spotify: 'https://api.spotify.com/v1',
  twitch: 'https://api.twitch.tv/helix',
  zoom: 'https://api.zoom.us/v2',
};

export interface ProviderClaims {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
  picture?: string;
  preferred_username?: string;
}

const compact = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as Record<string, unknown>;

export function userDataFromClaims(provider: OAuthProviderName, claims: ProviderClaims, fallbackIssuer: string): UserProvidedData {
  const emails = claims.email ? [{ email: claims.email, verified: claims.email_verified === true, primary: true }] : [];
  const iss = ISSUERS[provider] ?? fallbackIssuer;
  let metadata: Record<string, unknown>;
  if (provider === 'github') {
    // as githubProvider.GetUserData: the numeric id twice, the login as preferred_username and user_name
    metadata = compact({
      iss, sub: claims.sub, name: claims.name, preferred_username: claims.preferred_username,
      avatar_url: claims.picture, full_name: claims.name, provider_id: claims.sub, user_name: claims.preferred_username,
    });
  } else {
    // as Google's (and the OIDC providers') id_token mapping: picture also as the deprecated avatar_url
    metadata = compact({
      iss, sub: claims.sub, name: claims.name, picture: claims.picture,
      avatar_url: claims.picture, full_name: claims.name, provider_id: claims.sub,
    });
  }
  return { emails, metadata: metadata as UserProvidedData['metadata'] };
}

/**
 * As the callback and the id_token grant: the primary email (else the last one) becomes the
 * metadata's email and email_verified; phone_verified is always there (no omitempty in Claims).
 */
export function identityData(data: UserProvidedData): Record<string, unknown> {
  let email = '';
  let verified = false;
  for (const e of data.emails) {
    email = e.email;
    verified = e.verified;
    if (e.primary) break;
  }
  return { ...data.metadata, ...(email ? { email: email.toLowerCase() } : {}), email_verified: verified, phone_verified: false };
}
