import { Hono } from 'hono';
import { z } from 'zod';
import { loadUserJson } from '../auth/users.js';
import { ClockRangeError } from '../clock.js';
import { requireAdminAt } from '../http/auth.js';
import type { AppEnv, Ctx } from '../http/env.js';
import { sameOriginCors } from '../http/origin-policy.js';
import { readBody } from '../http/request.js';
import { badRequest, notFound } from '../errors.js';
import { SeedBody, seedUsers } from './seed.js';
import { exportState, importState, StateRowError, StateVersionError, type EmulatorState } from './state.js';

/**
 * authlab's control API, under /_/control, for test suites: reset, snapshots, seed, export/import,
 * and the emulator's clock. Service role only, like GoTrue's admin API.
 *
 *   POST   /reset                 empty everything (or ?snapshot=name to restore one)      -> 204
 *   PUT    /snapshots/:name       remember the current state under a name                  -> 204
 *   POST   /seed                  {"users": [{email, password, phone, user_metadata, ...}]} -> {users}
 *   GET    /state                 the whole state as JSON; PUT /state imports it           -> 200 / 204
 *   GET    /clock                 {"now": ISO time, "offset_seconds": n}
 *   POST   /clock                 {"advance": seconds} or {"set": ISO time | unix ms}      -> the clock
 *   DELETE /clock                 back to real time                                         -> the clock
 */
export function createControlApp(hooks: { reset(): Promise<void>; snapshots: Map<string, EmulatorState> }) {
  const app = new Hono<AppEnv>();
  // The demo service-role key is public: with CORS open, any website could export or wipe the
  // database. Pages of other origins get no CORS answer (not even a preflight) unless listed.
  app.use(
    '*',
    sameOriginCors({
      allowedOrigins: (c) => (c as Ctx).var.services.config.controlAllowedOrigins,
      allowMethods: ['GET', 'POST', 'PUT', 'DELETE'],
      setting: 'controlAllowedOrigins (AUTHLAB_CONTROL_ALLOWED_ORIGINS)',
    }),
  );
  // The key check runs on real time, not the emulated clock: this API is how a test puts the clock
  // back, and a clock moved past the keys' exp (the demo keys' is in 2032) must not lock it out too.
  app.use('*', requireAdminAt(() => new Date()));

  app.post('/reset', async (c) => {
    const name = c.req.query('snapshot');
    if (name) {
      const snapshot = hooks.snapshots.get(name);
      if (!snapshot) throw notFound('validation_failed', `no snapshot named "${name}"`);
      await hooks.reset();
      await importState(c.var.services.db, snapshot);
    } else {
      await hooks.reset();
    }
    return c.body(null, 204);
  });

  app.put('/snapshots/:name', async (c) => {
    hooks.snapshots.set(c.req.param('name'), await exportState(c.var.services.db));
    return c.body(null, 204);
  });

  app.post('/seed', async (c) => {
    const s = c.var.services;
    const body = await readBody(c, SeedBody);
    const users = await seedUsers(s, body.users);
    return c.json({ users: await Promise.all(users.map((u) => loadUserJson(s.db, u))) });
  });

  app.get('/state', async (c) => c.json(await exportState(c.var.services.db)));
  app.put('/state', async (c) => {
    const body = (await readBody(c, z.object({ version: z.string(), tables: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))) }))) as EmulatorState;
    try {
      await importState(c.var.services.db, body);
    } catch (e) {
      if (e instanceof StateVersionError || e instanceof StateRowError) throw badRequest('validation_failed', e.message);
      throw e;
    }
    return c.body(null, 204);
  });

  const clockJson = (c: { var: AppEnv['Variables'] }) => {
    const now = c.var.services.clock.now();
    return { now: now.toISOString(), offset_seconds: Math.round((now.getTime() - Date.now()) / 1000) };
  };
  app.get('/clock', (c) => c.json(clockJson(c)));
  app.post('/clock', async (c) => {
    const body = await readBody(c, z.object({ advance: z.number().finite().optional(), set: z.union([z.string(), z.number()]).optional() }));
    const clock = c.var.services.clock;
    try {
      if (body.advance !== undefined) clock.advance(body.advance);
      else if (body.set !== undefined) {
        const at = typeof body.set === 'number' ? body.set : Date.parse(body.set);
        if (Number.isNaN(at)) throw badRequest('validation_failed', `set must be an ISO time or unix milliseconds, got ${body.set}`);
        clock.set(at);
      } else throw badRequest('validation_failed', 'give "advance" (seconds) or "set" (a time)');
    } catch (e) {
      if (e instanceof ClockRangeError) throw badRequest('validation_failed', e.message);
      throw e;
    }
    return c.json(clockJson(c));
  });
  app.delete('/clock', (c) => {
    c.var.services.clock.restore();
    return c.json(clockJson(c));
  });
  return app;
}
