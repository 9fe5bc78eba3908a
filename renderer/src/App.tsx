import { useMemo, useState } from 'react';
import { ConnectionPanel } from './connection/ConnectionPanel.js';
import { forgetConnection, resolveConnection, saveConnection } from './connection/connection.js';
import { DevicesProvider } from './devices/DevicesProvider.js';
import { FLOWS } from './flows/index.js';
import { JwtView } from './jwt/JwtView.js';
import type { Landing } from './landing/landing.js';
import { LandingContext } from './landing/landing-context.js';
import { LinkLanding } from './landing/LinkLanding.js';
import { SessionHeader } from './layout/SessionHeader.js';
import { Sidebar } from './layout/Sidebar.js';
import { useHashRoute } from './layout/use-hash-route.js';
import { pickTokenStorage } from './storage/index.js';
import { createWireLog } from './wire/wire-log.js';

/** `landing`: what a mail link brought back when the page was opened by one (read before rendering). */
export function App({ landing }: { landing: Landing | null }) {
  const [connection, setConnection] = useState(resolveConnection);
  // one storage and one wire log for the page's lifetime; devices are rebuilt per connection
  const storage = useMemo(pickTokenStorage, []);
  const wireLog = useMemo(createWireLog, []);
  const route = useHashRoute(FLOWS[0]?.id ?? '');
  const flow = FLOWS.find((f) => f.id === route && f.component) ?? FLOWS[0];
  const FlowComponent = flow?.component;
  // a link that came back to no flow that resumes links is still shown and taken up
  const strayLanding = landing && !FLOWS.some((f) => f.id === landing.route && f.resumesLinks) ? landing : null;

  return (
    <LandingContext.Provider value={landing}>
      <DevicesProvider connection={connection} storage={storage} wireLog={wireLog}>
        <div className="layout">
          <Sidebar
            flows={FLOWS}
            current={flow?.id ?? ''}
            footer={
              <ConnectionPanel
                key={`${connection.url} ${connection.key}`}
                connection={connection}
                onSave={(value) => {
                  saveConnection(value);
                  setConnection(resolveConnection());
                }}
                onReset={() => {
                  forgetConnection();
                  setConnection(resolveConnection());
                }}
              />
            }
          />
          <main className="main">
            <SessionHeader title={flow?.title ?? ''} />
            {strayLanding && <LinkLanding landing={strayLanding} />}
            {/* keyed by connection: a new emulator means fresh step results, not stale ones */}
            {FlowComponent && <FlowComponent key={`${flow.id} ${connection.url}`} />}
          </main>
          <JwtView />
        </div>
      </DevicesProvider>
    </LandingContext.Provider>
  );
}
