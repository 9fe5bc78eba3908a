import { Step } from '../steps/Step.js';
import { TokensView, type TokenGrant } from './OAuthServerViews.js';
import type { OAuthTokens } from './third-party-client.js';
import type { ThirdPartyApp } from './use-third-party-app.js';

interface Props {
  thirdParty: ThirdPartyApp;
  /** Whether the emulator signs with an asymmetric key, which an id_token needs. */
  signsAsymmetric: boolean;
}

/** The app at /oauth/token: the code for tokens, then a refresh. */
export function AppTokenSteps({ thirdParty, signsAsymmetric }: Props) {
  const { app, client, authorized, code, tokens, keepTokens, redirectUri } = thirdParty;
  const tokensView = (grant: TokenGrant) => (d: unknown) => (
    <TokensView tokens={d as OAuthTokens} nonce={authorized?.nonce} signsAsymmetric={signsAsymmetric} grant={grant} />
  );
  return (
    <>
      <Step
        title="Exchange the code"
        why="POST /oauth/token (form-encoded, no apikey) with grant_type=authorization_code, the code, redirect_uri, client_id and the code_verifier: GoTrue hashes the verifier and compares it with the stored challenge. With openid in the scope it adds an id_token, which needs an asymmetric signing key."
        button="Exchange code for tokens"
        disabled={!code || !client || !authorized}
        run={async () =>
          keepTokens(
            await app.token({
              grant_type: 'authorization_code',
              code: code!,
              redirect_uri: redirectUri,
              client_id: client!.client_id,
              code_verifier: authorized!.codeVerifier,
            }),
          )
        }
        renderData={tokensView('authorization_code')}
      />

      <Step
        title="Refresh the tokens"
        why="POST /oauth/token with grant_type=refresh_token and client_id: the refresh token rotates, and the session stays tied to this client (client_id claim)."
        button="Refresh"
        disabled={!tokens?.refresh_token || !client}
        run={async () => keepTokens(await app.token({ grant_type: 'refresh_token', refresh_token: tokens!.refresh_token!, client_id: client!.client_id }))}
        renderData={tokensView('refresh_token')}
      />
    </>
  );
}
