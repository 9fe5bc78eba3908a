import { redirectTo } from '../desktop/links.js';
import { useDevice } from '../devices/use-device.js';
import { useExplorer } from '../explorer/ExplorerProvider.js';
import { useCapture } from '../inbox/use-capture.js';
import { SessionSummary } from '../jwt/AmrView.js';
import { useLanding } from '../landing/landing-context.js';
import { LandingStep } from '../landing/LandingStep.js';
import { Step } from '../steps/Step.js';
import { sampleEmail } from '../ui/sample-email.js';
import { useSessionState } from '../ui/use-session-state.js';

const ROUTE = 'magic-link';

interface ChallengeSent {
  codeChallenge: string;
  codeChallengeMethod: string;
  verifierKey: string;
}

function ChallengeTable({ codeChallenge, codeChallengeMethod, verifierKey }: ChallengeSent) {
  return (
    <table className="compare" aria-label="PKCE challenge">
      <tbody>
        <tr>
          <th>code_challenge (sent)</th>
          <td>
            <code>{codeChallenge}</code>
          </td>
        </tr>
        <tr>
          <th>code_challenge_method</th>
          <td>
            <code>{codeChallengeMethod}</code>
          </td>
        </tr>
        <tr>
          <th>code_verifier (kept)</th>
          <td>
            in this browser’s storage under <code>{verifierKey}</code>; sent only with the code exchange
          </td>
        </tr>
      </tbody>
    </table>
  );
}

/** Passwordless email sign-in with PKCE: by link (?code= then exchange) or by the 6-digit code. */
export function MagicLinkFlow() {
  const device = useDevice('A');
  const { wireLog } = useExplorer();
  const landing = useLanding(ROUTE);
  const mail = useCapture(`${ROUTE}.send`);
  const [email, setEmail] = useSessionState(`authlab.${ROUTE}.email`, () => sampleEmail('ida'));
  const [code, setCode] = useSessionState(`authlab.${ROUTE}.code`, () => '');

  return (
    <div className="flow">
      <header className="flow-intro">
        <h2>Magic link &amp; OTP (PKCE)</h2>
        <p>
          signInWithOtp on a client made with <code>flowType: 'pkce'</code>: supabase-js keeps a random code_verifier
          and sends only its SHA-256, the code_challenge. The mail’s link carries a <code>pkce_</code> token, so GoTrue’s
          /verify returns a one-time <code>?code=</code> instead of tokens, and only the holder of the verifier can
          exchange it. The same mail has a 6-digit code for signing in without the link. An address GoTrue does not know
          yet (or not confirmed) is signed up first, and the mail is a sign-up confirmation instead of “Your Magic Link”.
        </p>
      </header>

      <fieldset className="credentials">
        <legend>The address to sign in</legend>
        <label>
          Email
          <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
      </fieldset>

      <Step
        title="Send the magic link"
        why="POST /otp with the email, the code_challenge and redirect_to this page; GoTrue answers {} and mails a link and a code."
        button="Send magic link"
        capture={{ handle: mail, target: { kind: 'mail', address: email } }}
        run={async () => {
          const mark = wireLog.mark();
          const { error } = await device.pkceClient().auth.signInWithOtp({ email, options: { emailRedirectTo: await redirectTo(ROUTE) } });
          if (error) return { data: null, error };
          const sent = wireLog.since(mark).find((e) => e.method === 'POST' && new URL(e.url).pathname.endsWith('/otp'));
          const body = JSON.parse(sent?.requestBody || '{}') as { code_challenge?: string; code_challenge_method?: string };
          return {
            data: {
              codeChallenge: body.code_challenge ?? '',
              codeChallengeMethod: body.code_challenge_method ?? '',
              verifierKey: `${device.storageKey}-code-verifier`,
            } satisfies ChallengeSent,
            error: null,
          };
        }}
        renderData={(data) => <ChallengeTable {...(data as ChallengeSent)} />}
      />

      <LandingStep
        title="Exchange the code"
        why="Back from the link with ?code=: exchangeCodeForSession sends it with the stored code_verifier (POST /token?grant_type=pkce); GoTrue checks SHA-256(verifier) = challenge and answers with the session."
        waiting="Press “Open the link” in the mail beside the step above: GoTrue redirects back here with ?code=, and this step runs."
        landing={landing}
        handle={(params) =>
          params.kind === 'code'
            ? device.pkceClient().auth.exchangeCodeForSession(params.code, params.flowId ? { flowId: params.flowId } : undefined)
            : Promise.resolve({ data: params, error: null })
        }
        renderData={(data) => <SessionSummary data={data} />}
      />

      <Step
        title="Sign in with the code"
        why="Instead of the link: POST /verify with the email, the 6-digit code and type email answers with the session directly (no redirect, no verifier); amr says otp."
        button="Verify code"
        run={() => device.pkceClient().auth.verifyOtp({ email, token: code.trim(), type: 'email' })}
        renderData={(data) => <SessionSummary data={data} />}
      >
        <label>
          Code from the mail
          <input inputMode="numeric" autoComplete="one-time-code" value={code} onChange={(e) => setCode(e.target.value)} />
        </label>
      </Step>
    </div>
  );
}
