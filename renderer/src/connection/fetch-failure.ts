/**
 * Why a request got no answer at all. The browser only tells fetch "Failed to fetch"; the page
 * learns about a Content-Security-Policy refusal from a separate `securitypolicyviolation` event,
 * so the origins it names are remembered here and looked up when a failure is explained.
 */
export interface RefusalLog {
  refused(url: string): boolean;
  stop(): void;
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

/** Starts listening for connect-src refusals on `target` (the document). */
export function watchConnectRefusals(target: Pick<Document, 'addEventListener' | 'removeEventListener'> = document): RefusalLog {
  const origins = new Set<string>();
  const listener = (event: Event) => {
    const e = event as SecurityPolicyViolationEvent;
    if (e.effectiveDirective === 'connect-src' && e.blockedURI) origins.add(originOf(e.blockedURI));
  };
  target.addEventListener('securitypolicyviolation', listener);
  return {
    refused: (url) => origins.has(originOf(url)),
    stop: () => target.removeEventListener('securitypolicyviolation', listener),
  };
}

/** The page's own log; the violation event arrives in a task of its own, after the fetch has failed. */
let pageLog: RefusalLog | undefined;
export function pageRefusals(): RefusalLog {
  return (pageLog ??= watchConnectRefusals());
}

/** Lets the violation event, queued behind the failed fetch, be seen before explaining it. */
export const afterPolicyEvents = () => new Promise<void>((resolve) => setTimeout(resolve, 30));

/** The explorer address that lets this page talk to `url` (the server adds ?url= to the policy). */
export function explorerUrlFor(url: string, location: Pick<Location, 'origin' | 'pathname' | 'hash'> = window.location): string {
  return `${location.origin}${location.pathname}?url=${encodeURIComponent(originOf(url))}${location.hash}`;
}

/** One or two sentences a developer can act on, for a request to `url` that got no response. */
export function explainFetchFailure(url: string, message: string, refusedByPolicy: boolean, desktop = false): string {
  const origin = originOf(url);
  if (refusedByPolicy) {
    return desktop
      ? `The app’s Content-Security-Policy refused to connect to ${origin}. Choose it as the connection in the panel at the bottom left, so the app allows it.`
      : `This page’s Content-Security-Policy refused to connect to ${origin}: it allows its own origin, loopback addresses (127.0.0.1, localhost) and the project named in the page’s ?url=. Open ${explorerUrlFor(url)} instead.`;
  }
  return `No response from ${origin} (${message}): nothing is listening there, the address is wrong, or the server did not allow this page’s origin in CORS. Is the emulator running at ${origin}?`;
}
