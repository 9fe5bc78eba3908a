import { describe, expect, it } from 'vitest';
import { uniqueEmail, useEmulator, type TestServer } from './support/emulator.js';

async function signedIn(t: TestServer) {
  const email = uniqueEmail();
  const client = t.client();
  const { data } = await client.auth.signUp({ email, password: 'secret-123' });
  return { client, session: data.session!, email };
}

async function refresh(t: TestServer, refreshToken: string) {
  const res = await t.auth('/token?grant_type=refresh_token', { method: 'POST', json: { refresh_token: refreshToken } });
  return { status: res.status, body: await res.json() };
}

describe('refresh token rotation', () => {
  const t = useEmulator();

  it('refreshSession rotates the refresh token and keeps the session', async () => {
    const { client, session } = await signedIn(t);
    await client.auth.setSession(session);
    const { data, error } = await client.auth.refreshSession();
    expect(error).toBeNull();
    expect(data.session!.refresh_token).not.toBe(session.refresh_token);
    expect(data.session!.refresh_token).toMatch(/^[a-z2-7]{12}$/);
    const before = JSON.parse(atob(session.access_token.split('.')[1]!));
    const after = JSON.parse(atob(data.session!.access_token.split('.')[1]!));
    expect(after.session_id).toBe(before.session_id);
    expect(after.amr).toEqual(before.amr);
  });

  it('shows metadata changes in the refreshed access token', async () => {
    const { client, session } = await signedIn(t);
    await client.auth.setSession(session);
    await client.auth.updateUser({ data: { plan: 'pro' } });
    const { body } = await refresh(t, session.refresh_token);
    const claims = JSON.parse(atob(body.access_token.split('.')[1]));
    expect(claims.user_metadata.plan).toBe('pro');
  });

  it('gives the active token back to its parent, for a client that lost the response', async () => {
    const { session } = await signedIn(t);
    const first = await refresh(t, session.refresh_token);
    t.emulator.clock.advance(60); // far outside the 10 s reuse interval
    const retried = await refresh(t, session.refresh_token);
    expect(retried.status).toBe(200);
    expect(retried.body.refresh_token).toBe(first.body.refresh_token);
  });

  it('lets a revoked grandparent through inside the reuse interval', async () => {
    const { session } = await signedIn(t);
    const a = await refresh(t, session.refresh_token);
    await refresh(t, a.body.refresh_token);
    t.emulator.clock.advance(5);
    const again = await refresh(t, session.refresh_token);
    expect(again.status).toBe(200);
  });

  it('revokes the whole session when an old token is reused after the interval', async () => {
    const { session } = await signedIn(t);
    const a = await refresh(t, session.refresh_token);
    const b = await refresh(t, a.body.refresh_token);
    t.emulator.clock.advance(11);
    const reuse = await refresh(t, session.refresh_token);
    expect(reuse.status).toBe(400);
    expect(reuse.body).toEqual({ code: 400, error_code: 'refresh_token_already_used', msg: 'Invalid Refresh Token: Already Used' });
    // the newest token, never used, dies with its family (as GoTrue, the revocation itself
    // starts a new reuse interval, so the family is refused once that has passed)
    t.emulator.clock.advance(11);
    const newest = await refresh(t, b.body.refresh_token);
    expect(newest.status).toBe(400);
    expect(newest.body.error_code).toBe('refresh_token_already_used');
  });

  it('tells supabase-js about an unknown refresh token', async () => {
    const { error } = await t.client().auth.refreshSession({ refresh_token: 'abcdefghijkl' });
    expect(error).toMatchObject({ status: 400, code: 'refresh_token_not_found' });
  });

  it('rejects a malformed refresh token before looking it up', async () => {
    for (const token of ['', 'short', 'ABCDEFGHIJKL', 'x'.repeat(40)]) {
      const { status, body } = await refresh(t, token);
      expect(status).toBe(400);
      expect(body).toMatchObject({ error_code: 'validation_failed', msg: 'Refresh token is not valid' });
    }
  });

  it('refuses refresh after logout with refresh_token_not_found', async () => {
    const { client, session } = await signedIn(t);
    await client.auth.setSession(session);
    await client.auth.signOut();
    const { body } = await refresh(t, session.refresh_token);
    expect(body.error_code).toBe('refresh_token_not_found');
  });
});

describe('session limits', () => {
  const t = useEmulator({ config: { sessionsInactivityTimeout: 60, sessionsTimebox: 600 } });

  it('expires an idle session after the inactivity timeout', async () => {
    const { session } = await signedIn(t);
    t.emulator.clock.advance(61);
    const { body } = await refresh(t, session.refresh_token);
    expect(body).toMatchObject({ error_code: 'session_expired', msg: 'Invalid Refresh Token: Session Expired (Inactivity)' });
  });

  it('expires any session after the timebox, however active', async () => {
    let { session } = await signedIn(t);
    let token = session.refresh_token;
    for (let i = 0; i < 11; i++) {
      t.emulator.clock.advance(55);
      const { status, body } = await refresh(t, token);
      if (i < 10) {
        expect(status).toBe(200);
        token = body.refresh_token;
      } else {
        expect(body).toMatchObject({ error_code: 'session_expired', msg: 'Invalid Refresh Token: Session Expired' });
      }
    }
  });
});

describe('one session per user (GOTRUE_SESSIONS_SINGLE_PER_USER)', () => {
  const t = useEmulator({ config: { sessionsSinglePerUser: true } });

  it('lets only the newest sign-in refresh; the older session is revoked by the newer login', async () => {
    const { email, session: first } = await signedIn(t);
    t.emulator.clock.advance(1);
    const { data, error } = await t.client().auth.signInWithPassword({ email, password: 'secret-123' });
    expect(error).toBeNull();

    const older = await refresh(t, first.refresh_token);
    expect(older.status).toBe(400);
    expect(older.body).toMatchObject({ error_code: 'session_expired', msg: 'Invalid Refresh Token: Session Expired (Revoked by Newer Login)' });
    expect((await refresh(t, data.session!.refresh_token)).status).toBe(200);
  });
});

describe('more than one session per user (the default)', () => {
  const t = useEmulator();

  it('keeps an older sign-in refreshable after a newer one', async () => {
    const { email, session: first } = await signedIn(t);
    t.emulator.clock.advance(1);
    expect((await t.client().auth.signInWithPassword({ email, password: 'secret-123' })).error).toBeNull();
    expect((await refresh(t, first.refresh_token)).status).toBe(200);
  });
});
