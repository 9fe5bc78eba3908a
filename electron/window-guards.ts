import type { Session, WebContents } from 'electron';
import { isSameOrigin } from './app-origin.js';
import { externalUrlToOpen } from './external-url.js';
import { isPermissionGranted } from './permissions.js';

/** Session-wide rules: a CSP on every document (http: the dev server), and permissions denied. */
export function hardenSession(session: Session, options: { appOrigin: string; csp: () => string }): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    if (details.resourceType !== 'mainFrame' && details.resourceType !== 'subFrame') return callback({});
    // replace, not add to, whatever policy the server sent: ours is the one the app is built for
    const headers = Object.fromEntries(
      Object.entries(details.responseHeaders ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy'),
    );
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [options.csp()] } });
  });
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionGranted({ permission, requestingUrl: details.requestingUrl, isMainFrame: details.isMainFrame }, options.appOrigin));
  });
  // checks may come without a requesting URL; the origin argument is always there
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isPermissionGranted({ permission, requestingUrl: details.requestingUrl ?? requestingOrigin, isMainFrame: details.isMainFrame }, options.appOrigin),
  );
}

/**
 * Rules for every web contents the app ever creates: stay on the app's origin, open no windows,
 * attach no webviews. http(s) links meant for a new window go to the OS browser instead.
 */
export function hardenWebContents(contents: WebContents, options: { appOrigin: string; openExternal: (url: string) => void }): void {
  const stayOnOrigin = (event: Electron.Event<{ url: string }>) => {
    if (!isSameOrigin(event.url, options.appOrigin)) event.preventDefault();
  };
  contents.on('will-navigate', stayOnOrigin);
  contents.on('will-redirect', stayOnOrigin);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const external = externalUrlToOpen(url);
    if (external) options.openExternal(external);
    return { action: 'deny' };
  });
}
