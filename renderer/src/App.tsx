import { Suspense, useEffect, useMemo, useState } from 'react';
import { ConnectionPanel } from './connection/ConnectionPanel.js';
import { forgetConnection, resolveConnection, saveConnection, type Connection } from './connection/connection.js';
import { desktopBridge, type ConnectionInfo } from './desktop/bridge.js';
import { DesktopConnectionPanel } from './desktop/DesktopConnectionPanel.js';
import { landingFromDeepLink } from './desktop/links.js';
import { ExplorerProvider } from './explorer/ExplorerProvider.js';
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

const fromDesktop = (info: ConnectionInfo): Connection | null =>
  info.url ? { url: info.url, key: info.anonKey, source: 'desktop' } : null;

/** `landing`: what a mail link brought back when the page was opened by one (read before rendering). */
export function App({ landing: initialLanding }: { landing: Landing | null }) {
  // the desktop shell decides the connection (the page's own origin there is app://authlab)
  const bridge = useMemo(desktopBridge, []);
  const [desktopInfo, setDesktopInfo] = useState<ConnectionInfo | null>(null);
  const [desktopError, setDesktopError] = useState('');
  const [connection, setConnection] = useState<Connection | null>(() => (bridge ? null : resolveConnection()));
  const [landing, setLanding] = useState(initialLanding);
  // one storage and one wire log for the page's lifetime; devices are rebuilt per connection
  const storage = useMemo(pickTokenStorage, []);
  const wireLog = useMemo(createWireLog, []);
  const route = useHashRoute(FLOWS[0]?.id ?? '');
  const flow = FLOWS.find((f) => f.id === route && f.component) ?? FLOWS[0];
  const FlowComponent = flow?.component;
  // a link that came back to no flow that resumes links is still shown and taken up
  const strayLanding = landing && !FLOWS.some((f) => f.id === landing.route && f.resumesLinks) ? landing : null;

  function applyDesktop(info: ConnectionInfo) {
    setDesktopInfo(info);
    setConnection(fromDesktop(info));
  }

  useEffect(() => {
    if (!bridge) return;
    let live = true;
    bridge.connection.get().then(
      (info) => live && applyDesktop(info),
      (e: unknown) => live && setDesktopError((e as Error).message),
    );
    // auth redirects come back to the shell (custom scheme or loopback), not to this page's URL
    const unsubscribe = bridge.redirect.onDeepLink((link) => {
      const next = landingFromDeepLink(link, route);
      setLanding(next);
      if (next.route) window.location.hash = `#/${next.route}`;
    });
    return () => {
      live = false;
      unsubscribe();
    };
    // route is only the fallback for a link that names no flow; re-subscribing on it could drop a link
  }, [bridge]);

  const connectionPanel = bridge ? (
    <DesktopConnectionPanel key={desktopInfo ? `${desktopInfo.target} ${desktopInfo.url}` : 'loading'} bridge={bridge} info={desktopInfo} onChange={applyDesktop} />
  ) : (
    connection && (
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
    )
  );

  if (!connection) {
    return (
      <div className="layout">
        <Sidebar flows={FLOWS} current={flow?.id ?? ''} footer={connectionPanel} />
        <main className="main">
          <div className="flow no-connection" role="status">
            {desktopError ? (
              <p className="error-text">The desktop app did not say which emulator to use: {desktopError}</p>
            ) : !desktopInfo ? (
              <p className="muted">Waiting for the emulator inside the app to start…</p>
            ) : (
              <p>
                No emulator to talk to: the in-app emulator is {desktopInfo.emulator.state}. Start it from the panel at the
                bottom left, or point the app at another URL.
              </p>
            )}
          </div>
        </main>
      </div>
    );
  }

  return (
    <LandingContext.Provider value={landing}>
      <ExplorerProvider connection={connection} storage={storage} wireLog={wireLog}>
        <div className="layout">
          <Sidebar flows={FLOWS} current={flow?.id ?? ''} footer={connectionPanel} />
          <main className="main">
            <SessionHeader title={flow?.title ?? ''} />
            {strayLanding && <LinkLanding landing={strayLanding} />}
            {/* keyed by connection: a new emulator means fresh step results, not stale ones */}
            {/* each screen is a chunk of its own (flows/index.ts); the shell stays up while it loads. A
                boundary per screen: the previous screen goes at once, instead of staying in the page,
                hidden, while the next one loads (two forms with the same labels) */}
            <Suspense key={flow?.id} fallback={<p className="muted">Loading {flow?.title}…</p>}>
              {FlowComponent && <FlowComponent key={`${flow.id} ${connection.url}`} />}
            </Suspense>
          </main>
          <JwtView />
        </div>
      </ExplorerProvider>
    </LandingContext.Provider>
  );
}
