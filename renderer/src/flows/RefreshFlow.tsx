import { useDevice } from '../devices/use-device.js';
import { useSession } from '../devices/use-session.js';
import type { Rotation } from '../refresh/rotation.js';
import { RotationTable } from '../refresh/RotationTable.js';
import { Step } from '../steps/Step.js';
import { SendToWorkbench } from '../tokens/SendToWorkbench.js';

/** Refresh-token rotation: each refresh spends the old refresh token and hands out a new one. */
export function RefreshFlow() {
  const device = useDevice('A');
  const session = useSession(device);

  return (
    <div className="flow">
      <header className="flow-intro">
        <h2>Refresh</h2>
        <p>
          Access tokens are short-lived; the refresh token buys a new one. GoTrue rotates refresh tokens: every refresh
          returns a new refresh token for the <em>same</em> session. Runs on <strong>{device.label}</strong>
          {session ? '.' : ' — sign in first (Password flow).'}
        </p>
      </header>

      <Step
        title="Refresh the session"
        why="Spends the current refresh token (POST /token?grant_type=refresh_token) and stores the new pair."
        button="Refresh session"
        disabled={!session}
        run={async () => {
          // read from storage rather than React state: it is what supabase-js will actually send
          const { data: current } = await device.client.auth.getSession();
          if (!current.session) throw new Error('No session on this device: sign in first.');
          const before = current.session;
          const { data, error } = await device.client.auth.refreshSession();
          if (error || !data.session) return { data: null, error: error ?? new Error('No session returned') };
          return { data: { before, after: data.session } satisfies Rotation, error: null };
        }}
        renderData={(data) => {
          const rotation = data as Rotation;
          return (
            <>
              <RotationTable {...rotation} />
              <SendToWorkbench token={rotation.after.access_token} compareWith={rotation.before.access_token} label="Compare the access tokens in Tokens" />
            </>
          );
        }}
      />
    </div>
  );
}
