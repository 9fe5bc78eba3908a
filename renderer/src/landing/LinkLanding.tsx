import { useDevice } from '../devices/use-device.js';
import { SessionSummary } from '../jwt/AmrView.js';
import type { Landing } from './landing.js';
import { LandingStep } from './LandingStep.js';
import { setSessionFromLink } from './take-session.js';

/**
 * A mail link that came back to a page no flow is waiting on (GoTrue fell back to SITE_URL, or the
 * link was opened from the inbox page): the session is still taken up, on device A, rather than
 * dropped from the address bar unseen.
 */
export function LinkLanding({ landing }: { landing: Landing }) {
  const device = useDevice('A');
  return (
    <div className="flow link-landing">
      <LandingStep
        title="Back from a link"
        why="A mail link redirected here without naming a flow; device A takes the session up as an app would (setSession for #access_token, exchangeCodeForSession for ?code=)."
        waiting=""
        landing={landing}
        handle={(params) =>
          params.kind === 'code'
            ? device.pkceClient().auth.exchangeCodeForSession(params.code, params.flowId ? { flowId: params.flowId } : undefined)
            : setSessionFromLink(device.client.auth)(params)
        }
        renderData={(data) => <SessionSummary data={data} />}
      />
    </div>
  );
}
