import { explorerUrl, followLink, readPendingRoute, rememberRoute, type Landing, type LandingParams } from '../landing/landing.js';
import { desktopBridge, type DeepLink } from './bridge.js';
import { prepareRedirect } from './redirect-mode.js';

/**
 * Where GoTrue should send the user back to after a mail link or a provider's consent page. In a
 * browser: this page. In the desktop app the page is app://authlab, which no browser can open, so
 * the shell listens where the user chose in the connection panel (the loopback listener
 * http://127.0.0.1:<port>/callback by default, or the custom protocol authlab://callback) and
 * hands what comes back to the page as a deep link.
 */
export async function redirectTo(route: string): Promise<string> {
  const bridge = desktopBridge();
  if (!bridge) return explorerUrl(route);
  rememberRoute(route);
  return prepareRedirect(bridge, window.localStorage);
}

/** Opens a mail's link: in place in a browser, in the OS browser from the desktop app. */
export function openLink(url: string, route: string): void {
  const bridge = desktopBridge();
  if (!bridge) return followLink(url, route);
  rememberRoute(route);
  void bridge.openExternal(url);
}

/** True for the redirect URLs the desktop shell listens on. */
export function isDesktopCallback(url: string): boolean {
  return /^authlab:\/\/callback(\/|\?|#|$)/.test(url) || /^http:\/\/127\.0\.0\.1:\d+\/callback(\?|#|$)/.test(url);
}

/** A deep link as a Landing, so the flow that sent the user away resumes exactly as after a browser redirect. */
export function landingFromDeepLink(link: DeepLink, fallbackRoute: string, storage: Storage = window.sessionStorage): Landing {
  const { redirect } = link;
  const params: LandingParams =
    redirect.kind === 'code'
      ? { kind: 'code', code: redirect.code, flowId: null }
      : redirect.kind === 'session'
        ? {
            kind: 'session',
            accessToken: redirect.accessToken,
            refreshToken: redirect.refreshToken,
            expiresAt: redirect.expiresAt === null ? '' : String(redirect.expiresAt),
            type: redirect.type ?? '',
            providerToken: redirect.providerToken ?? '',
            providerRefreshToken: redirect.providerRefreshToken ?? '',
          }
        : { kind: 'error', error: redirect.error, errorCode: redirect.errorCode ?? '', description: redirect.errorDescription ?? '' };
  return {
    route: readPendingRoute(storage) || fallbackRoute,
    params,
    href: link.via === 'custom-scheme' ? 'authlab://callback (deep link)' : 'http://127.0.0.1/callback (loopback listener)',
    claimed: false,
  };
}
