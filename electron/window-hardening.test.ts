import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isSameOrigin, rendererLocation } from './app-origin.js';
import { APP_SCHEME_PRIVILEGES, rendererFileFor } from './app-protocol.js';
import { buildContentSecurityPolicy } from './csp.js';
import { isPermissionGranted } from './permissions.js';
import { secureWebPreferences } from './web-preferences.js';

const directives = (csp: string) => Object.fromEntries(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));

describe('the window’s webPreferences', () => {
  it('follow Electron’s security checklist', () => {
    expect(secureWebPreferences('/app/preload.js')).toEqual({
      preload: '/app/preload.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
    });
  });
});

describe('the Content-Security-Policy', () => {
  it('allows scripts from the app only, and network to the app, local emulators and the chosen project', () => {
    const csp = directives(buildContentSecurityPolicy({ connectionUrl: 'https://abcd.supabase.co/some/path' }));
    expect(csp['default-src']).toEqual(["'self'"]);
    expect(csp['script-src']).toEqual(["'self'"]);
    expect(csp['style-src']).toEqual(["'self'"]);
    expect(csp['connect-src']).toEqual(["'self'", 'https://abcd.supabase.co', 'http://127.0.0.1:*', 'http://localhost:*']);
    for (const name of ['object-src', 'frame-src', 'base-uri', 'form-action', 'frame-ancestors']) expect(csp[name]).toEqual(["'none'"]);
  });

  it('without a custom project, reaches only local emulators', () => {
    expect(directives(buildContentSecurityPolicy())['connect-src']).toEqual(["'self'", 'http://127.0.0.1:*', 'http://localhost:*']);
  });

  it('cannot be extended through a hostile project URL', () => {
    for (const url of ["https://x.test; script-src 'unsafe-inline'", 'javascript:alert(1)', 'https://x.test/\r\nX-Injected: 1', 'wss://x.test', 'data:text/html,x']) {
      const csp = buildContentSecurityPolicy({ connectionUrl: url });
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('x.test');
      expect(csp).not.toMatch(/[\r\n]/);
    }
  });

  it('loosens only what the Vite dev server needs, and only in dev', () => {
    const csp = directives(buildContentSecurityPolicy({ dev: true }));
    expect(csp['script-src']).toEqual(["'self'", "'unsafe-inline'"]);
    expect(csp['connect-src']).toContain('ws://localhost:*');
    expect(csp['object-src']).toEqual(["'none'"]);
  });
});

describe('the renderer’s origin', () => {
  it('is app://authlab for the built renderer, not file://', () => {
    expect(rendererLocation(undefined)).toEqual({ origin: 'app://authlab', entryUrl: 'app://authlab/_/index.html', dev: false });
    expect(APP_SCHEME_PRIVILEGES.privileges).toMatchObject({ standard: true, secure: true });
    expect(APP_SCHEME_PRIVILEGES.privileges).not.toHaveProperty('bypassCSP');
  });

  it('is the dev server when AUTHLAB_RENDERER_URL names one on this machine', () => {
    expect(rendererLocation('http://localhost:5173/_/')).toEqual({ origin: 'http://localhost:5173', entryUrl: 'http://localhost:5173/_/', dev: true });
    expect(() => rendererLocation('https://evil.test/_/')).toThrow(/127.0.0.1 or localhost/);
    expect(() => rendererLocation('file:///tmp/index.html')).toThrow();
    expect(() => rendererLocation('not a url')).toThrow(/not a URL/);
  });

  it('locks navigation to exactly that origin', () => {
    expect(isSameOrigin('app://authlab/_/index.html#/refresh', 'app://authlab')).toBe(true);
    for (const url of ['app://authlab.evil/_/', 'app://evil/_/', 'https://authlab/', 'file:///_/index.html', 'javascript:alert(1)', 'about:blank', 'authlab://callback']) {
      expect(isSameOrigin(url, 'app://authlab'), url).toBe(false);
    }
  });
});

describe('files served over app://', () => {
  const dir = resolve('/srv/authlab/dist/renderer');

  it('maps the renderer’s base path onto dist/renderer', () => {
    expect(rendererFileFor('app://authlab/_/', dir)).toBe(join(dir, 'index.html'));
    expect(rendererFileFor('app://authlab/_/index.html', dir)).toBe(join(dir, 'index.html'));
    expect(rendererFileFor('app://authlab/_/assets/index-abc.js?v=1', dir)).toBe(join(dir, 'assets/index-abc.js'));
  });

  it('refuses anything outside it', () => {
    for (const url of [
      'app://authlab/_/../../etc/passwd',
      'app://authlab/_/%2e%2e/%2e%2e/etc/passwd',
      'app://authlab/_/..%2f..%2fetc%2fpasswd',
      'app://authlab/_/..%5c..%5cwindows',
      'app://authlab/_/a%00.js',
      'app://authlab/_/%E0%A4%A',
      'app://authlab/etc/passwd',
      'app://other/_/index.html',
      'file:///srv/authlab/dist/renderer/index.html',
    ]) {
      expect(rendererFileFor(url, dir), url).toBeUndefined();
    }
  });
});

describe('permission requests', () => {
  const fromApp = { requestingUrl: 'app://authlab/_/index.html', isMainFrame: true };

  it('are denied, whatever they are', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'openExternal', 'fullscreen', 'unknown']) {
      expect(isPermissionGranted({ permission, ...fromApp }, 'app://authlab'), permission).toBe(false);
    }
  });

  it('except reaching the local network (the emulator), for the app’s own top frame', () => {
    expect(isPermissionGranted({ permission: 'local-network-access', ...fromApp }, 'app://authlab')).toBe(true);
    expect(isPermissionGranted({ permission: 'local-network-access', ...fromApp, isMainFrame: false }, 'app://authlab')).toBe(false);
    expect(isPermissionGranted({ permission: 'local-network-access', requestingUrl: 'https://evil.test/', isMainFrame: true }, 'app://authlab')).toBe(false);
  });
});
