import type { DeepLink } from './deep-links.js';

/**
 * Hands parsed deep links to the renderer. A link can arrive before the page has subscribed (the
 * OS starts the app with one), so links wait here until the page says it listens; a reload makes
 * the page deaf again until it subscribes anew.
 */
export interface DeepLinkRelay {
  deliver(link: DeepLink): void;
  /** The page subscribed: returns what arrived meanwhile; later links are sent at once. */
  listen(): DeepLink[];
  /** The page navigated or reloaded: its old listeners are gone. */
  reset(): void;
}

/** Enough for any real sequence of redirects; a flood of links from outside is dropped, oldest first. */
export const MAX_PENDING_DEEP_LINKS = 16;

export function createDeepLinkRelay(send: (link: DeepLink) => void): DeepLinkRelay {
  let listening = false;
  let pending: DeepLink[] = [];
  return {
    deliver(link) {
      if (listening) return send(link);
      pending = [...pending, link].slice(-MAX_PENDING_DEEP_LINKS);
    },
    listen() {
      listening = true;
      const taken = pending;
      pending = [];
      return taken;
    },
    reset() {
      listening = false;
    },
  };
}
