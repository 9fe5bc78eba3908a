import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type Listening } from '../src/adapters/node-server.js';
import { createEmulator, type Emulator } from '../src/index.js';
import { postChunked } from './support/chunked.js';
import { fuzzRequests, isServerError, type FuzzContext, type FuzzRequest } from './support/fuzz.js';

/**
 * Malformed input on every route gets a 4xx that says what is wrong, never a 5xx or no answer.
 * Seeded: AUTHLAB_FUZZ_SEED and AUTHLAB_FUZZ_COUNT replay or widen a run; a failure names the
 * seed and the request's index, so `AUTHLAB_FUZZ_SEED=<seed>` replays the same requests.
 */
const SEED = Number(process.env.AUTHLAB_FUZZ_SEED ?? 0x5eed14);
const COUNT = Number(process.env.AUTHLAB_FUZZ_COUNT ?? 20_000);
const REQUEST_TIMEOUT_MS = 10_000;
const ORIGIN = 'http://127.0.0.1:54321';

interface Failure {
  index: number;
  request: string;
  outcome: string;
}

const describeRequest = (req: FuzzRequest) => {
  const body = req.body === undefined ? '' : typeof req.body === 'string' ? req.body : `<${req.body.byteLength} bytes>`;
  return `${req.method} ${req.url.slice(0, 200)} ${JSON.stringify(req.headers).slice(0, 300)} ${JSON.stringify(body.slice(0, 200))}`;
};

const withTimeout = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<'hang'>((resolve) => setTimeout(() => resolve('hang'), ms).unref())]);

describe(`fuzzing every route (seed ${SEED}, ${COUNT} requests)`, () => {
  let emulator: Emulator;
  let server: Listening;
  const ctx = {} as FuzzContext;

  async function signIn() {
    const email = `fuzz-${Date.now()}-${Math.random().toString(36).slice(2)}@example.com`;
    const res = await emulator.fetch(
      new Request(`${ORIGIN}/auth/v1/signup`, {
        method: 'POST',
        headers: { apikey: emulator.keys.anon, 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: 'secret-123' }),
      }),
    );
    const session = (await res.json()) as { access_token: string; user: { id: string } };
    Object.assign(ctx, { userToken: session.access_token, userId: session.user.id, email });
  }

  beforeAll(async () => {
    emulator = await createEmulator({
      config: {
        bcryptCost: 4,
        apiExternalUrl: `${ORIGIN}/auth/v1`,
        // every feature on, so the fuzz reaches the code behind each switch
        oauthServerEnabled: true,
        oauthServerAllowDynamicRegistration: true,
        externalAnonymousUsersEnabled: true,
        externalPhoneEnabled: true,
        mfaTotpEnrollEnabled: true,
        mfaTotpVerifyEnabled: true,
        mfaPhoneEnrollEnabled: true,
        mfaPhoneVerifyEnabled: true,
        mfaWebAuthnEnrollEnabled: true,
        mfaWebAuthnVerifyEnabled: true,
        passkeyEnabled: true,
        webauthnRpId: 'localhost',
        webauthnRpOrigins: ['http://localhost:3000'],
        webauthnRpDisplayName: 'Fuzz',
        securityManualLinkingEnabled: true,
        externalAllEnabled: true,
        rateLimitEmailSent: 1_000_000,
        rateLimitSmsSent: 1_000_000,
        smtpMaxFrequency: 0,
        smsMaxFrequency: 0,
      },
    });
    server = await listen((request) => emulator.fetch(request), { port: 0, host: '127.0.0.1' });
    Object.assign(ctx, { anonKey: emulator.keys.anon, serviceRoleKey: emulator.keys.serviceRole });
    await signIn();
  });
  afterAll(async () => {
    await server?.close();
    await emulator?.close();
  });

  it(`answers ${COUNT} malformed requests on every route without a 5xx or a hang (seed ${SEED})`, async () => {
    const failures: Failure[] = [];
    // routes that answered anything but 404, and how many requests got through to a 2xx
    const reached = new Set<string>();
    const routes = new Set<string>();
    let succeeded = 0;
    let index = 0;
    for (const req of fuzzRequests(SEED, COUNT, () => ctx)) {
      const i = index++;
      // a fresh user now and then: the fuzz deletes users, resets the database and logs sessions out
      if (i % 250 === 0) await signIn();
      const request = new Request(`${ORIGIN}${req.url}`, {
        method: req.method,
        headers: req.headers,
        ...(req.body !== undefined ? { body: req.body } : {}),
      });
      const outcome = await withTimeout(
        emulator.fetch(request).then(async (res) => ({ status: res.status, text: await res.text() })),
        REQUEST_TIMEOUT_MS,
      );
      // the fuzz may move the clock; put it back so later requests' keys stay valid
      if (req.url.startsWith('/_/control/clock')) emulator.clock.restore();
      routes.add(req.route);
      if (outcome !== 'hang' && outcome.status !== 404) reached.add(req.route);
      if (outcome !== 'hang' && outcome.status < 300) succeeded++;
      if (outcome === 'hang') failures.push({ index: i, request: describeRequest(req), outcome: `no answer in ${REQUEST_TIMEOUT_MS} ms` });
      else if (isServerError(outcome.status, outcome.text)) {
        failures.push({ index: i, request: describeRequest(req), outcome: `${outcome.status} ${outcome.text.slice(0, 300)}` });
      }
    }
    console.info(`fuzz seed ${SEED}: ${COUNT} requests, ${succeeded} 2xx, ${reached.size} of ${routes.size} routes answered other than 404`);
    const report = failures.map((f) => `#${f.index} ${f.request}\n    -> ${f.outcome}`).join('\n');
    // a fuzz that never gets past the gateway tests nothing
    expect(succeeded).toBeGreaterThan(COUNT / 50);
    expect(reached.size).toBeGreaterThan(routes.size / 2);
    expect(failures, `seed ${SEED}: ${failures.length} requests got a 5xx or no answer\n${report}`).toEqual([]);
  }, 120_000);

  it('answers huge chunked bodies on every body-taking route with 413 over the real HTTP server', async () => {
    const bodyRoutes = ['/auth/v1/signup', '/auth/v1/token?grant_type=password', '/auth/v1/otp', '/auth/v1/admin/users', '/callback', '/_/idp/github/token', '/_/control/seed'];
    for (const path of bodyRoutes) {
      const res = await postChunked(`${server.url}${path}`, 3 * 1024 * 1024, {
        headers: { apikey: ctx.anonKey, authorization: `Bearer ${ctx.serviceRoleKey}`, 'content-type': 'application/json' },
      });
      expect([path, res.status]).toEqual([path, 413]);
    }
  });

  it('answers chunked NUL and deep nesting with 400 bad_json, and takes a lone surrogate as U+FFFD, over the real HTTP server', async () => {
    const signup = (body: string) =>
      postChunked(`${server.url}/auth/v1/signup`, 0, { headers: { apikey: ctx.anonKey, 'content-type': 'application/json' }, body });
    for (const body of ['{"email":"a\\u0000@example.com","password":"secret-123"}', `{"data":${'['.repeat(200_000)}${']'.repeat(200_000)}}`]) {
      const res = await signup(body);
      expect(res.status).toBe(400);
      expect(JSON.parse(res.body).error_code).toBe('bad_json');
    }
    const res = await signup(`{"data":{"\\ud800":"x\\udfff"},"email":"surrogate-${Date.now()}@example.com","password":"secret-123"}`);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).user.user_metadata).toMatchObject({ '\ufffd': 'x\ufffd' });
  });
});
