import { http, type HttpHandler } from 'msw';

type FetchTarget = { fetch: (request: Request) => Promise<Response>; answerAt?: (supabaseUrl: string) => void };

/**
 * MSW request handlers that answer every request to a Supabase URL with the emulator, in the same
 * process: in a browser through MSW's service worker (setupWorker) or in Node (setupServer).
 *
 *   const emulator = await createEmulator();
 *   const server = setupServer(...authlabHandlers(emulator));   // msw/node
 *   server.listen();
 *   createClient('http://127.0.0.1:54321', emulator.keys.anon)  // no server runs at all
 *
 * The emulator may also be given as a promise, so a page registers the service worker while the
 * database boots (both take hundreds of milliseconds); requests wait until the emulator is ready.
 *
 * Links in captured mail point at `url` too (unless apiExternalUrl is configured). A page cannot
 * open them in the address bar (MSW's worker lets navigations through to the network), so it
 * completes them with `emulator.inbox.follow(link)`.
 */
export function authlabHandlers(emulator: FetchTarget | Promise<FetchTarget>, options: { url?: string } = {}): HttpHandler[] {
  const base = (options.url ?? 'http://127.0.0.1:54321').replace(/\/$/, '');
  const ready = Promise.resolve(emulator).then((e) => (e.answerAt?.(base), e));
  ready.catch(() => {}); // a failed boot fails the requests that wait for it, not the page
  return [http.all(`${base}/*`, async ({ request }) => (await ready).fetch(request))];
}
