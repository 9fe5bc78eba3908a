import type { WireLog } from './wire-log.js';

function headersToObject(headers: Headers): Record<string, string> {
  return Object.fromEntries(headers.entries());
}

/**
 * A `fetch` for supabase-js's `global.fetch` that records each exchange in the wire log. It sits
 * below supabase-js, so it sees the apikey and Authorization headers the library adds.
 */
export function recordingFetch(log: WireLog, deviceId: string, base: typeof fetch = (...args) => fetch(...args)): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const seq = log.nextSeq();
    const requestBody = request.body ? await request.clone().text() : '';
    const started = performance.now();
    const common = {
      seq,
      deviceId,
      method: request.method,
      url: request.url,
      requestHeaders: headersToObject(request.headers),
      requestBody,
    };
    try {
      const response = await base(request);
      log.add({
        ...common,
        status: response.status,
        durationMs: performance.now() - started,
        responseHeaders: headersToObject(response.headers),
        responseBody: await response.clone().text(),
      });
      return response;
    } catch (error) {
      log.add({
        ...common,
        status: 0,
        durationMs: performance.now() - started,
        responseHeaders: {},
        responseBody: '',
        networkError: error instanceof Error ? error.message : String(error),
      });
      throw error;
    }
  };
}
