import { http, type HttpHandler } from 'msw';

/**
 * MSW request handlers that answer every request to a Supabase URL with the emulator, in the same
 * process: in a browser through MSW's service worker (setupWorker) or in Node (setupServer).
 *
 *   const emulator = await createEmulator();
 *   const server = setupServer(...authlabHandlers(emulator));   // msw/node
 *   server.listen();
 *   createClient('http://127.0.0.1:54321', emulator.keys.anon)  // no server runs at all
 */
export function authlabHandlers(
  emulator: { fetch: (request: Request) => Promise<Response> },
  options: { url?: string } = {},
): HttpHandler[] {
  const base = (options.url ?? 'http://127.0.0.1:54321').replace(/\/$/, '');
  return [http.all(`${base}/*`, ({ request }) => emulator.fetch(request))];
}
