import { join, resolve } from 'node:path';
import { app, BrowserWindow, ipcMain, Menu, net, protocol, safeStorage, screen, session, shell } from 'electron';
import { originOf, rendererLocation } from './app-origin.js';
import { appMenuTemplate } from './app-menu.js';
import { APP_SCHEME_PRIVILEGES, serveRenderer } from './app-protocol.js';
import { createConnection } from './connection.js';
import { buildContentSecurityPolicy } from './csp.js';
import { createDeepLinkRelay } from './deep-link-relay.js';
import { DEEP_LINK_SCHEME, deepLinkFromArgv } from './deep-links.js';
import { createInProcessEmulator } from './in-process-emulator.js';
import { createIpcHandlers } from './ipc-handlers.js';
import { DEEP_LINK_EVENT, isTrustedSender, registerIpcHandlers, senderFacts } from './ipc.js';
import { createRedirects } from './redirects.js';
import { safeStorageCipher } from './safe-storage-cipher.js';
import { createSecureStorage } from './secure-storage.js';
import { secureWebPreferences } from './web-preferences.js';
import { DEFAULT_WINDOW_SIZE, MIN_WINDOW_SIZE, readWindowBounds, saveWindowBounds } from './window-bounds.js';
import { hardenSession, hardenWebContents } from './window-guards.js';

/** The desktop shell: one window on the built renderer, the emulator in-process, redirects routed back in. */

const log = (message: string) => process.stderr.write(`${message}\n`);

function registerAsDeepLinkHandler(): void {
  // started as `electron path/to/main.js`, the OS must be told to pass the script too
  if (process.defaultApp && process.argv[1]) app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME, process.execPath, [resolve(process.argv[1])]);
  else app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);
}

function bringToFront(window: BrowserWindow | undefined): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.focus();
}

async function main(): Promise<void> {
  const renderer = rendererLocation(process.env.AUTHLAB_RENDERER_URL);
  app.setName('authlab');
  // tests and side-by-side profiles; must be set before anything reads userData
  if (process.env.AUTHLAB_USER_DATA_DIR) app.setPath('userData', resolve(process.env.AUTHLAB_USER_DATA_DIR));
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

  // one instance owns the window, the emulator's port and the token file; later ones hand over their deep link
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  registerAsDeepLinkHandler();

  let window: BrowserWindow | undefined;
  const relay = createDeepLinkRelay((link) => window?.webContents.send(DEEP_LINK_EVENT, link));
  const redirects = createRedirects({ relay, onAccepted: () => bringToFront(window), log });
  // macOS delivers links by event, possibly before ready; Windows and Linux start a second instance
  app.on('open-url', (event, url) => {
    event.preventDefault();
    redirects.receive(url);
  });
  app.on('second-instance', (_event, argv) => {
    const link = deepLinkFromArgv(argv);
    if (link) redirects.receive(link);
    bringToFront(window);
  });
  app.on('web-contents-created', (_event, contents) =>
    hardenWebContents(contents, { appOrigin: renderer.origin, openExternal: (url) => void shell.openExternal(url) }),
  );

  await app.whenReady();

  const userData = app.getPath('userData');
  const emulator = createInProcessEmulator({ env: process.env, onProgress: log });
  const connection = createConnection({ file: join(userData, 'connection.json'), emulator });
  await connection.restore();
  const csp = () => buildContentSecurityPolicy({ connectionUrl: connection.customUrl(), dev: renderer.dev });
  hardenSession(session.defaultSession, { appOrigin: renderer.origin, csp });
  serveRenderer(protocol, { rendererDir: join(import.meta.dirname, '../renderer'), csp, fetchFile: (url) => net.fetch(url) });

  const storage = createSecureStorage({ cipher: safeStorageCipher(safeStorage), file: join(userData, 'tokens.json') });
  // packaged, the README is an extra resource (package.json "build"); unpackaged, the repository's
  const readme = app.isPackaged ? join(process.resourcesPath, 'README.md') : join(import.meta.dirname, '../../README.md');
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(appMenuTemplate({ platform: process.platform, dev: renderer.dev || !app.isPackaged, openReadme: () => void shell.openPath(readme) })),
  );
  const boundsFile = join(userData, 'window-bounds.json');
  const saved = await readWindowBounds(boundsFile, screen.getAllDisplays().map((display) => display.workArea));
  const mainWindow = new BrowserWindow({
    ...(saved ? { x: saved.x, y: saved.y, width: saved.width, height: saved.height } : DEFAULT_WINDOW_SIZE),
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    title: 'authlab — flow explorer',
    // the taskbar's and the window's icon on Windows and Linux (macOS takes the bundle's)
    icon: join(import.meta.dirname, 'icon.png'),
    show: false,
    webPreferences: secureWebPreferences(join(import.meta.dirname, 'preload.js')),
  });
  window = mainWindow;
  if (saved?.maximized) mainWindow.maximize();
  mainWindow.once('ready-to-show', () => mainWindow.show());
  // the normal bounds, so a maximised window comes back maximised over the size it had before
  let boundsSaved: Promise<void> = Promise.resolve();
  mainWindow.on('close', () => {
    boundsSaved = saveWindowBounds(boundsFile, { ...mainWindow.getNormalBounds(), maximized: mainWindow.isMaximized() });
  });
  // a reload or navigation drops the page's deep-link listeners; links wait until it subscribes again
  mainWindow.webContents.on('did-start-navigation', (details) => {
    if (details.isMainFrame && !details.isSameDocument) relay.reset();
  });

  const trusted = { webContentsId: mainWindow.webContents.id, origin: renderer.origin };
  registerIpcHandlers(
    ipcMain,
    createIpcHandlers({
      storage,
      connection,
      redirects,
      relay,
      openExternal: (url) => shell.openExternal(url),
      reloadSoon: () => setImmediate(() => !mainWindow.isDestroyed() && mainWindow.webContents.reload()),
    }),
    (event) => isTrustedSender(senderFacts(event), trusted, originOf),
  );

  const launchLink = deepLinkFromArgv(process.argv);
  if (launchLink) redirects.receive(launchLink);

  let cleanedUp = false;
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    if (cleanedUp) return;
    // the emulator's database must close cleanly; quit again once it has
    event.preventDefault();
    cleanedUp = true;
    void Promise.allSettled([emulator.stop(), redirects.close(), boundsSaved]).then(() => app.quit());
  });

  await mainWindow.loadURL(renderer.entryUrl);
}

main().catch((error: unknown) => {
  log(`authlab: the desktop app failed to start: ${(error as Error)?.stack ?? String(error)}`);
  app.exit(1);
});
