import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { appMenuTemplate } from './app-menu.js';

const roles = (items: MenuItemConstructorOptions[]) => items.map((item) => item.role ?? item.label);
const viewRoles = (items: MenuItemConstructorOptions[]) =>
  (items.find((item) => item.label === 'View')?.submenu as MenuItemConstructorOptions[]).filter((item) => item.role).map((item) => item.role);

describe('the application menu', () => {
  it('has the app menu on macOS only, then File, Edit, View, Window and Help', () => {
    const noop = () => undefined;
    expect(roles(appMenuTemplate({ platform: 'darwin', dev: false, openReadme: noop }))).toEqual(['appMenu', 'fileMenu', 'editMenu', 'View', 'windowMenu', 'help']);
    for (const platform of ['win32', 'linux'] as const) {
      expect(roles(appMenuTemplate({ platform, dev: false, openReadme: noop }))).toEqual(['fileMenu', 'editMenu', 'View', 'windowMenu', 'help']);
    }
  });

  it('offers reload and the developer tools in development only', () => {
    const noop = () => undefined;
    expect(viewRoles(appMenuTemplate({ platform: 'linux', dev: true, openReadme: noop }))).toEqual([
      'reload', 'forceReload', 'toggleDevTools', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen',
    ]);
    expect(viewRoles(appMenuTemplate({ platform: 'linux', dev: false, openReadme: noop }))).toEqual(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']);
  });

  it('opens the README from Help', () => {
    let opened = 0;
    const help = appMenuTemplate({ platform: 'linux', dev: false, openReadme: () => opened++ }).find((item) => item.role === 'help');
    const readme = (help?.submenu as MenuItemConstructorOptions[]).find((item) => item.label === 'authlab README');
    (readme?.click as () => void)();
    expect(opened).toBe(1);
  });
});
