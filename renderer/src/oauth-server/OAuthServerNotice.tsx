import type { OAuthServerProbe } from './use-oauth-server-probe.js';

/** Is the OAuth server on, can it sign id_tokens, and what to change when not. */
export function OAuthServerNotice({ probe }: { probe: OAuthServerProbe }) {
  const explorer = `${window.location.origin}${window.location.pathname}`;
  if (probe.status === 'loading') return <p className="setting-notice muted">Reading GET /auth/v1/.well-known/oauth-authorization-server…</p>;
  if (probe.status === 'error') return <p className="setting-notice warn">Could not probe the OAuth server ({probe.message}).</p>;
  if (!probe.enabled) {
    return (
      <p className="setting-notice warn" role="note" aria-label="Emulator setting">
        The OAuth server is off on this emulator (GET /.well-known/oauth-authorization-server answers 404, as every{' '}
        <code>/oauth/*</code> route: <code>feature_disabled</code>), as in a fresh <code>supabase start</code>. Turn it on in
        supabase/config.toml with <code>[auth.oauth_server] enabled = true</code> — or start the emulator with{' '}
        <code>GOTRUE_OAUTH_SERVER_ENABLED=true</code> — and point the site URL at this explorer (<code>GOTRUE_SITE_URL={explorer}</code>,{' '}
        <code>[auth] site_url</code>) so the consent redirect lands here; <code>GOTRUE_OAUTH_SERVER_AUTHORIZATION_PATH=/</code> makes
        it land on this very page. Add <code>--generate-keys</code> for id_tokens.
      </p>
    );
  }
  return (
    <p className={probe.asymmetricKeys.length > 0 ? 'setting-notice ok' : 'setting-notice warn'} role="note" aria-label="Emulator setting">
      The OAuth server is on (issuer <code>{probe.issuer}</code>). The consent redirect goes to the site URL + authorization path:
      it must be this explorer (<code>GOTRUE_SITE_URL={explorer}</code>) for the steps below to read it.{' '}
      {probe.asymmetricKeys.length > 0 ? (
        <>id_tokens are signed with {probe.asymmetricKeys.join(', ')} (the JWKS lists an asymmetric key).</>
      ) : (
        <>
          The project signs with the HS256 secret only (the JWKS has no public key), so an exchange with <code>openid</code> in the
          scope fails (GoTrue: 500 <code>Error generating ID token</code>). Start the emulator with <code>--generate-keys</code>{' '}
          (or <code>signing_keys_path</code> in [auth]) — or leave <code>openid</code> out of the scope.
        </>
      )}
    </p>
  );
}
