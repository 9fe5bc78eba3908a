import type { DeepLinkRelay } from './deep-link-relay.js';
import { CUSTOM_SCHEME_REDIRECT_URL, parseDeepLink } from './deep-links.js';
import type { RedirectMode } from './ipc.js';
import { startLoopbackListener, type LoopbackListener } from './loopback-listener.js';

/** Both ways an auth redirect comes back, feeding one relay to the renderer. */
export interface Redirects {
  /** The URL to use as redirectTo for this mode; the loopback listener starts on first use. */
  prepare(mode: RedirectMode): Promise<string>;
  /** A URL from the OS (open-url, second-instance argv) or the loopback listener; false if refused. */
  receive(url: string): boolean;
  close(): Promise<void>;
}

export function createRedirects(options: { relay: DeepLinkRelay; onAccepted?: () => void; log?: (message: string) => void }): Redirects {
  let loopback: LoopbackListener | undefined;
  let starting: Promise<LoopbackListener> | undefined;

  function receive(url: string): boolean {
    const result = parseDeepLink(url, { loopbackOrigins: loopback ? [loopback.origin] : [] });
    if (!result.ok) {
      // the URL itself may carry tokens: log why, never what
      options.log?.(`authlab: ignored an incoming redirect (${result.reason})`);
      return false;
    }
    options.relay.deliver(result.link);
    options.onAccepted?.();
    return true;
  }

  return {
    async prepare(mode) {
      if (mode === 'custom-scheme') return CUSTOM_SCHEME_REDIRECT_URL;
      starting ??= startLoopbackListener({ onRedirect: receive });
      loopback = await starting;
      return loopback.redirectUrl;
    },
    receive,
    async close() {
      const listener = await starting;
      starting = undefined;
      loopback = undefined;
      await listener?.close();
    },
  };
}
