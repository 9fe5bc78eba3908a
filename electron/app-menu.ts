import type { MenuItemConstructorOptions } from 'electron';

/**
 * The application menu: the platform's usual roles, so copy and paste, zoom, full screen and the
 * window commands work and have their usual shortcuts. Reload and the developer tools are for
 * development only: a packaged app's page holds state (tokens, step results) a stray Cmd+R loses.
 */
export interface AppMenuOptions {
  platform: NodeJS.Platform;
  /** Unpackaged (npm run explorer) or on the Vite dev server. */
  dev: boolean;
  /** Opens the README, the app's manual. */
  openReadme: () => void;
}

export function appMenuTemplate({ platform, dev, openReadme }: AppMenuOptions): MenuItemConstructorOptions[] {
  const developer: MenuItemConstructorOptions[] = dev
    ? [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }]
    : [];
  return [
    // macOS puts About, Hide and Quit under the app's own name
    ...(platform === 'darwin' ? [{ role: 'appMenu' } as const] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [...developer, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }],
    },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ label: 'authlab README', click: openReadme }] },
  ];
}
