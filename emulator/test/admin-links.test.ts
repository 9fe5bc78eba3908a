import { describe, expect, it } from 'vitest';
import { uniqueEmail, useEmulator, type TestServer } from './support/emulator.js';
import { follow, fragment, latestMail, linkIn, mailCount } from './support/mail.js';

const admin = (t: TestServer) => t.client(t.emulator.keys.serviceRole).auth.admin;

async function confirmedUser(t: TestServer, email = uniqueEmail()) {
  const { data } = await admin(t).createUser({ email, password: 'secret-123', email_confirm: true });
  return data.user!;
}

/** Follows a link to its 303 and signs a client in with the session in the fragment. */
async function signInThrough(t: TestServer, link: string) {
  const landing = await follow(link);
  const params = fragment(landing);
  const client = t.client();
  const { error } = await client.auth.setSession({ access_token: params.access_token!, refresh_token: params.refresh_token! });
  expect(error).toBeNull();
  return { client, params, landing };
}

describe('admin generateLink', () => {
  const t = useEmulator({ config: { uriAllowList: ['http://localhost:5173/**'] } });

  it('signup: creates the user, mails nothing, and the link confirms and signs in', async () => {
    const email = uniqueEmail();
    const { data, error } = await admin(t).generateLink({
      type: 'signup',
      email,
      password: 'secret-123',
      options: { data: { name: 'Ada' }, redirectTo: 'http://localhost:5173/welcome' },
    });
    expect(error).toBeNull();
    expect(data.user).toMatchObject({ email, user_metadata: { name: 'Ada' } });
    expect(data.user!.email_confirmed_at).toBeUndefined();
    expect(data.properties).toMatchObject({ verification_type: 'signup', redirect_to: 'http://localhost:5173/welcome' });
    expect(data.properties!.email_otp).toMatch(/^\d{6}$/);
    expect(data.properties!.action_link).toBe(
      `${t.url}/auth/v1/verify?token=${data.properties!.hashed_token}&type=signup&redirect_to=http://localhost:5173/welcome`,
    );
    expect(await mailCount(t, email)).toBe(0);

    const { params, landing } = await signInThrough(t, data.properties!.action_link);
    expect(landing.pathname).toBe('/welcome');
    expect(params.type).toBe('signup');
    expect((await t.client().auth.signInWithPassword({ email, password: 'secret-123' })).error).toBeNull();
  });

  it('signup: needs a password for a new user and refuses a confirmed one with email_exists', async () => {
    const noPassword = await admin(t).generateLink({ type: 'signup', email: uniqueEmail(), password: '' });
    expect(noPassword.error).toMatchObject({ status: 400, code: 'validation_failed', message: 'Signup requires a valid password' });
    const user = await confirmedUser(t);
    const taken = await admin(t).generateLink({ type: 'signup', email: user.email!, password: 'secret-123' });
    expect(taken.error).toMatchObject({ status: 422, code: 'email_exists' });
  });

  it('invite: the link signs the invited user in, who then sets a password', async () => {
    const email = uniqueEmail();
    const { data, error } = await admin(t).generateLink({ type: 'invite', email, options: { data: { team: 'x' } } });
    expect(error).toBeNull();
    expect(data.user!.invited_at).toBeTruthy();
    expect(data.properties!.verification_type).toBe('invite');
    expect(await mailCount(t, email)).toBe(0);

    const { client, params } = await signInThrough(t, data.properties!.action_link);
    expect(params.type).toBe('invite');
    expect((await client.auth.updateUser({ password: 'chosen-123' })).error).toBeNull();
    expect((await t.client().auth.signInWithPassword({ email, password: 'chosen-123' })).error).toBeNull();
  });

  it('magiclink: signs a known user in, and its email_otp works as a code too', async () => {
    const user = await confirmedUser(t);
    const { data } = await admin(t).generateLink({ type: 'magiclink', email: user.email! });
    expect(data.properties!.verification_type).toBe('magiclink');
    const { params } = await signInThrough(t, data.properties!.action_link);
    expect(params.type).toBe('magiclink');

    const again = await admin(t).generateLink({ type: 'magiclink', email: user.email! });
    const viaCode = await t.client().auth.verifyOtp({ email: user.email!, token: again.data.properties!.email_otp, type: 'magiclink' });
    expect(viaCode.error).toBeNull();
    expect(viaCode.data.user!.id).toBe(user.id);
  });

  it('magiclink: an unknown address becomes a signup link for a new user', async () => {
    const email = uniqueEmail('stranger');
    const { data } = await admin(t).generateLink({ type: 'magiclink', email });
    expect(data.properties!.verification_type).toBe('signup');
    expect(data.properties!.action_link).toContain('type=signup');
    const { client } = await signInThrough(t, data.properties!.action_link);
    expect((await client.auth.getUser()).data.user!.email_confirmed_at).toBeTruthy();
  });

  it('recovery: the link signs in for a password reset; an unknown address is user_not_found', async () => {
    const user = await confirmedUser(t);
    const { data } = await admin(t).generateLink({ type: 'recovery', email: user.email! });
    expect(data.properties!.verification_type).toBe('recovery');
    const { client, params } = await signInThrough(t, data.properties!.action_link);
    expect(params.type).toBe('recovery');
    expect((await client.auth.updateUser({ password: 'reset-456' })).error).toBeNull();
    expect((await t.client().auth.signInWithPassword({ email: user.email!, password: 'reset-456' })).error).toBeNull();

    const unknown = await admin(t).generateLink({ type: 'recovery', email: uniqueEmail('nobody') });
    expect(unknown.error).toMatchObject({ status: 404, code: 'user_not_found', message: 'User with this email not found' });
  });

  it('email_change_current and email_change_new: following the link changes the address (autoconfirm)', async () => {
    for (const type of ['email_change_current', 'email_change_new'] as const) {
      const user = await confirmedUser(t);
      const next = uniqueEmail('next');
      const { data, error } = await admin(t).generateLink({ type, email: user.email!, newEmail: next });
      expect(error).toBeNull();
      expect(data.user!.new_email).toBe(next);
      expect(data.properties!.action_link).toContain('type=email_change');
      const { client } = await signInThrough(t, data.properties!.action_link);
      expect((await client.auth.getUser()).data.user!.email).toBe(next);
    }
  });

  it('email change: refuses an address another user has with email_exists', async () => {
    const user = await confirmedUser(t);
    const other = await confirmedUser(t);
    const { error } = await admin(t).generateLink({ type: 'email_change_new', email: user.email!, newEmail: other.email! });
    expect(error).toMatchObject({ status: 422, code: 'email_exists' });
  });

  it('refuses an unknown link type with validation_failed', async () => {
    const user = await confirmedUser(t);
    const res = await t.auth('/admin/generate_link', {
      method: 'POST',
      headers: { authorization: `Bearer ${t.emulator.keys.serviceRole}` },
      json: { type: 'bogus', email: user.email },
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error_code: 'validation_failed', msg: 'Invalid email action link type requested: bogus' });
  });
});

describe('admin generateLink for email change with confirmations on', () => {
  const t = useEmulator({ config: { mailerAutoconfirm: false } });

  it('needs both links, the current address first then the new one', async () => {
    const user = await confirmedUser(t);
    const next = uniqueEmail('next');
    const current = await admin(t).generateLink({ type: 'email_change_current', email: user.email!, newEmail: next });
    const fresh = await admin(t).generateLink({ type: 'email_change_new', email: user.email!, newEmail: next });

    const halfway = await follow(current.data.properties!.action_link);
    expect(new URLSearchParams(halfway.hash.slice(1)).get('message')).toBe(
      'Confirmation link accepted. Please proceed to confirm link sent to the other email',
    );
    const { client } = await signInThrough(t, fresh.data.properties!.action_link);
    expect((await client.auth.getUser()).data.user!.email).toBe(next);
  });
});

describe('admin inviteUserByEmail', () => {
  const t = useEmulator({ config: { uriAllowList: ['http://localhost:5173/**'] } });

  it('mails an invite; the mailed link signs in and the user sets a password', async () => {
    const email = uniqueEmail('invitee');
    const { data, error } = await admin(t).inviteUserByEmail(email, {
      data: { team: 'x' },
      redirectTo: 'http://localhost:5173/accept',
    });
    expect(error).toBeNull();
    expect(data.user).toMatchObject({ email, user_metadata: { team: 'x' }, app_metadata: { provider: 'email', providers: ['email'] } });
    expect(data.user!.invited_at).toBeTruthy();
    expect(data.user!.confirmation_sent_at).toBeTruthy();

    const mail = await latestMail(t, email);
    expect(mail.Subject).toBe('You have been invited');
    const { client, params, landing } = await signInThrough(t, linkIn(mail));
    expect(landing.pathname).toBe('/accept');
    expect(params.type).toBe('invite');
    expect((await client.auth.updateUser({ password: 'chosen-123' })).error).toBeNull();
    const signIn = await t.client().auth.signInWithPassword({ email, password: 'chosen-123' });
    expect(signIn.error).toBeNull();
    expect(signIn.data.user!.email_confirmed_at).toBeTruthy();
  });

  it('invites an unconfirmed user again and refuses a confirmed one with email_exists', async () => {
    const email = uniqueEmail('invitee');
    await admin(t).inviteUserByEmail(email);
    expect((await admin(t).inviteUserByEmail(email)).error).toBeNull();
    expect(await mailCount(t, email)).toBe(2);

    const user = await confirmedUser(t);
    const { error } = await admin(t).inviteUserByEmail(user.email!);
    expect(error).toMatchObject({ status: 422, code: 'email_exists', message: 'A user with this email address has already been registered' });
  });

  it('records user_invited with the service role as actor', async () => {
    const email = uniqueEmail('invitee');
    const { data } = await admin(t).inviteUserByEmail(email);
    const res = await t.auth('/admin/audit?query=action:user_invited', {
      headers: { authorization: `Bearer ${t.emulator.keys.serviceRole}` },
    });
    const [entry] = (await res.json()) as { payload: Record<string, unknown> }[];
    expect(entry!.payload).toMatchObject({
      action: 'user_invited',
      actor_username: 'service_role',
      log_type: 'team',
      traits: { user_email: email, user_id: data.user!.id },
    });
  });
});
