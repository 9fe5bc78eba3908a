import { describe, expect, it } from 'vitest';
import { softAuthenticator } from './support/soft-authenticator.js';
import { uniqueEmail, useEmulator, type TestServer } from './support/emulator.js';

const ORIGIN = 'http://localhost:3000';
const CONFIG = { passkeyEnabled: true, webauthnRpId: 'localhost', webauthnRpDisplayName: 'authlab', webauthnRpOrigins: [ORIGIN] };

/** A signed-in user who registered one passkey with a fresh soft authenticator. */
async function withPasskey(t: TestServer) {
  const client = t.client();
  const { data, error } = await client.auth.signUp({ email: uniqueEmail(), password: 'secret-123' });
  if (error) throw error;
  await client.auth.setSession(data.session!);
  const { data: start } = await client.auth.passkey.startRegistration();
  const credential = await softAuthenticator().create(start!.options, ORIGIN);
  const { data: passkey, error: verifyError } = await client.auth.passkey.verifyRegistration({
    challengeId: start!.challenge_id,
    credential: credential as never,
  });
  if (verifyError) throw verifyError;
  return { client, user: data.user!, passkey: passkey! };
}

describe('managing passkeys', () => {
  const t = useEmulator({ config: CONFIG });

  it('renames a passkey and lists it under its new name', async () => {
    const { client, passkey } = await withPasskey(t);
    const { data: renamed, error } = await client.auth.passkey.update({ passkeyId: passkey.id, friendlyName: 'Work laptop' });
    expect(error).toBeNull();
    expect(renamed).toMatchObject({ id: passkey.id, friendly_name: 'Work laptop' });
    const { data: list } = await client.auth.passkey.list();
    expect(list!.map((p) => p.friendly_name)).toEqual(['Work laptop']);
  });

  it('deletes a passkey: the user lists none afterwards', async () => {
    const { client, passkey } = await withPasskey(t);
    expect((await client.auth.passkey.delete({ passkeyId: passkey.id })).error).toBeNull();
    expect((await client.auth.passkey.list()).data).toEqual([]);
  });

  it("an admin deletes a user's passkey: the admin list is empty afterwards", async () => {
    const { user, passkey } = await withPasskey(t);
    const admin = t.client(t.emulator.keys.serviceRole).auth.admin.passkey;
    expect((await admin.deletePasskey({ userId: user.id, passkeyId: passkey.id })).error).toBeNull();
    expect((await admin.listPasskeys({ userId: user.id })).data).toEqual([]);
  });
});
