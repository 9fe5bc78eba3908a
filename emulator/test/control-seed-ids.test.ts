import { describe, expect, it } from 'vitest';
import { uniqueEmail, useEmulator, type TestServer } from './support/emulator.js';

const seed = (t: TestServer, users: unknown[]) =>
  fetch(`${t.url}/_/control/seed`, {
    method: 'POST',
    headers: { authorization: `Bearer ${t.emulator.keys.serviceRole}`, 'content-type': 'application/json' },
    body: JSON.stringify({ users }),
  });

describe('POST /_/control/seed ids, as Postgres\'s uuid type reads them', () => {
  const t = useEmulator();

  it('accepts the ids seed files use, and the forms Postgres accepts, stored in the canonical form', async () => {
    const given = ['00000000-0000-0000-0000-000000000001', '{A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11}', 'a0eebc999c0b4ef8bb6d6bb9bd380a12'];
    const res = await seed(t, given.map((id) => ({ id, email: uniqueEmail(), password: 'secret-123' })));
    expect(res.status).toBe(200);
    const { users } = await res.json();
    expect(users.map((u: { id: string }) => u.id)).toEqual([
      '00000000-0000-0000-0000-000000000001',
      'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
      'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a12',
    ]);
    // the same id through the admin API
    const admin = t.client(t.emulator.keys.serviceRole).auth.admin;
    const { data } = await admin.getUserById('00000000-0000-0000-0000-000000000001');
    expect(data.user?.id).toBe('00000000-0000-0000-0000-000000000001');
  });

  it('refuses a malformed id with 400 validation_failed naming the user, and seeds none', async () => {
    const email = uniqueEmail();
    const res = await seed(t, [{ email, password: 'secret-123' }, { id: 'not-a-uuid', email: uniqueEmail() }]);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      code: 400,
      error_code: 'validation_failed',
      msg: 'users[1].id: invalid input syntax for type uuid: "not-a-uuid"',
    });
    const { data } = await t.client(t.emulator.keys.serviceRole).auth.admin.listUsers();
    expect(data.users.map((u) => u.email)).not.toContain(email);
  });
});
