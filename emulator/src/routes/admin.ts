import { z } from 'zod';
import type { MiddlewareHandler } from 'hono';
import {
  adminActor,
  bannedUntil,
  confirmEmailAsAdmin,
  confirmPhoneAsAdmin,
  findDuplicateEmailUser,
  generatePassword,
  listUsers,
  parseUuid,
  setContactIdentity,
  setPasswordEverywhere,
  softDeleteUser,
} from '../auth/admin-users.js';
import { audit } from '../auth/audit.js';
import { factorsJson } from '../auth/mfa/factor-json.js';
import { DurationError, parseGoDuration } from '../go/duration.js';
import { MAX_PASSWORD_LENGTH, checkPasswordStrength, hashPassword } from '../auth/passwords.js';
import { mergeMetadata, userJson, type IdentityRow, type UserRow } from '../auth/users.js';
import { identitiesOf, insertIdentity } from '../db/identities.js';
import { deleteUser, findUserById, findUserByPhone, insertUser, updateUser } from '../db/users.js';
import { validateEmail, validatePhone } from '../auth/validate.js';
import { sortKeys } from '../go/json.js';
import type { Sql } from '../db/storage.js';
import type { AppEnv, Ctx } from '../http/env.js';
import { readBody } from '../http/request.js';
import { AuthError, badRequest, notFound, unexpectedFailure, unprocessable } from '../errors.js';
import type { Services } from '../services.js';
import { paginate, setPaginationHeaders, sortParams, sqlWindow } from './pagination.js';
import { obj, str } from './params.js';

/** GoTrue's admin user endpoints (admin.go). Every route here sits behind requireAdmin. */

export const DUPLICATE_EMAIL = 'A user with this email address has already been registered';
export const DUPLICATE_PHONE = 'Phone number already registered by another user';

/** A boolean field as Go decodes it: absent or null are false. */
const bool = () =>
  z
    .boolean()
    .nullish()
    .transform((v) => v ?? false);

const AdminUserBody = z.object({
  id: str(),
  aud: str(),
  role: str(),
  email: str(),
  phone: str(),
  // null and absent mean "no password"; "" is a password GoTrue still checks (update) or replaces (create)
  password: z.string().nullish(),
  password_hash: str(),
  email_confirm: bool(),
  phone_confirm: bool(),
  user_metadata: obj(),
  app_metadata: obj(),
  ban_duration: str(),
});

/** As GoTrue's requestAud: the X-JWT-AUD header, else the configured audience (admin tokens carry none). */
export const requestAud = (c: Ctx) => c.req.header('x-jwt-aud') || c.var.services.config.jwtAud;

/** The admin of the request, as GoTrue's getAdminUser: the actor of admin audit entries. */
export const adminOf = (c: Ctx) => adminActor(c.var.caller.role);

/** As GoTrue's loadUser middleware: the user named by :user_id; 404 for an id that is no UUID or names nobody. */
export const loadUser: MiddlewareHandler<AppEnv> = async (c, next) => {
  const id = parseUuid(c.req.param('user_id') ?? '');
  if (!id) throw notFound('validation_failed', 'user_id must be an UUID');
  const user = await findUserById(c.var.services.db, id);
  if (!user) throw notFound('user_not_found', 'User not found');
  c.set('targetUser', user);
  await next();
};

/** The user loadUser found; only call behind loadUser. */
export function targetUser(c: Ctx): UserRow {
  const user = c.var.targetUser;
  if (!user) throw unexpectedFailure('route is missing loadUser');
  return user;
}

/** Runs a write the way GoTrue wraps it: database failures become a 500 with the endpoint's own message. */
export async function asInternal<T>(message: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof AuthError) throw e;
    // a unique violation is the caller's conflict: the app's error handler answers it with a 422
    if ((e as { code?: unknown }).code === '23505') throw e;
    console.error(`authlab: ${message}:`, e);
    throw unexpectedFailure(message);
  }
}

/** A Go duration, or "none" (lift the ban); undefined when not given. */
function parseBanDuration(value: string): bigint | undefined {
  if (value === '') return undefined;
  if (value === 'none') return 0n;
  try {
    return parseGoDuration(value);
  } catch (e) {
    if (e instanceof DurationError) throw badRequest('validation_failed', `invalid format for ban duration: ${e.message}`);
    throw e;
  }
}

/** The user with identities and factors, as GoTrue's eager-loaded user serialises. */
export async function userWithFactorsJson(sql: Sql, user: UserRow, identities?: IdentityRow[]) {
  return userJson(user, identities ?? (await identitiesOf(sql, user.id)), await factorsJson(sql, user.id));
}

/** GET /admin/users — a page of the audience's users, newest first, with X-Total-Count and Link. */
export async function adminUsers(c: Ctx) {
  const s = c.var.services;
  const aud = requestAud(c);
  const page = paginate(c);
  const order = sortParams(c, ['created_at'] as const, [{ field: 'created_at', dir: 'DESC' }]);
  const { users, count } = await listUsers(s.db, { aud, filter: c.req.query('filter') ?? '', order, ...sqlWindow(page) });
  setPaginationHeaders(c, page, count);
  // as GoTrue: the list is not eager-loaded, so identities are null and factors absent
  return c.json({ users: users.map((u) => ({ ...userJson(u, []), identities: null })), aud });
}

/** GET /admin/users/{id} */
export async function adminUserGet(c: Ctx) {
  const user = targetUser(c);
  return c.json(await userWithFactorsJson(c.var.services.db, user));
}

/** POST /admin/users — GoTrue's adminUserCreate: no confirmation mail, no password strength check. */
export async function adminUserCreate(c: Ctx) {
  const s = c.var.services;
  const body = await readBody(c, AdminUserBody);
  const aud = body.aud || requestAud(c);
  if (body.email === '' && body.phone === '') throw badRequest('validation_failed', 'Cannot create a user without either an email or phone');

  const providers: ('email' | 'phone')[] = [];
  let email = '';
  let phone = '';
  if (body.email !== '') {
    email = validateEmail(body.email);
    if (await findDuplicateEmailUser(s.db, email, aud)) throw unprocessable('email_exists', DUPLICATE_EMAIL);
    providers.push('email');
  }
  if (body.phone !== '') {
    phone = validatePhone(body.phone);
    if (await findUserByPhone(s.db, phone, aud)) throw unprocessable('phone_exists', DUPLICATE_PHONE);
    providers.push('phone');
  }
  const password = body.password ?? undefined;
  if (password !== undefined && body.password_hash !== '') {
    throw badRequest('validation_failed', 'Only a password or a password hash should be provided');
  }
  const encryptedPassword = await passwordForNewUser(s, password, body.password_hash);

  let id = s.random.uuid();
  if (body.id !== '') {
    const custom = parseUuid(body.id);
    if (!custom) throw badRequest('validation_failed', 'ID must conform to the uuid v4 format');
    if (custom === '00000000-0000-0000-0000-000000000000') throw badRequest('validation_failed', 'ID cannot be a nil uuid');
    id = custom;
  }
  const ban = parseBanDuration(body.ban_duration);

  const created = await asInternal('Database error creating new user', () =>
    s.db.transaction(async (tx) => {
      const now = s.clock.now();
      let user = await insertUser(tx, {
        id, aud, role: '', email: email || null, phone: phone || null, encryptedPassword,
        appMetadata: { provider: providers[0], providers }, userMetadata: body.user_metadata ?? {},
        emailConfirmedAt: null, phoneConfirmedAt: null, isAnonymous: false, now,
      });
      // as GoTrue: identities carry only sub, the address and both verified flags (false)
      const identities: IdentityRow[] = [];
      for (const provider of providers) {
        const data = sortKeys({ sub: id, [provider]: provider === 'email' ? email : phone, email_verified: false, phone_verified: false });
        identities.push(await insertIdentity(tx, { id: s.random.uuid(), userId: id, provider, providerId: id, data, now }));
      }
      await audit(tx, s.random, now, {
        actor: adminOf(c), action: 'user_signedup',
        traits: { provider: providers[0], user_email: email, user_id: id, user_phone: phone },
      });
      user = await updateUser(tx, id, { role: (body.role || s.config.jwtDefaultGroupName).trim() }, now);
      if (body.app_metadata) user = await updateUser(tx, id, { raw_app_meta_data: mergeMetadata(user.raw_app_meta_data, body.app_metadata) }, now);
      if (body.email_confirm) user = await confirmEmailAsAdmin(tx, s, user);
      if (body.phone_confirm) user = await confirmPhoneAsAdmin(tx, s, user);
      if (ban !== undefined) user = await updateUser(tx, id, { banned_until: bannedUntil(s.clock.now(), ban) }, now);
      return { user, identities };
    }),
  );
  // as GoTrue: confirmed_at is generated by the database and never read back into this response
  return c.json(userJson({ ...created.user, confirmed_at: null }, created.identities));
}

/** The stored password of a new user: the given hash, a bcrypt of the given password, or of a random one. */
async function passwordForNewUser(s: Services, password: string | undefined, passwordHash: string): Promise<string> {
  if (passwordHash !== '') {
    // GoTrue fails with a 500 here; an unreadable hash is the caller's mistake, so authlab says so
    if (!isAcceptedHash(passwordHash)) {
      throw new AuthError(400, 'validation_failed', 'password_hash must be a bcrypt, argon2 or Firebase scrypt hash');
    }
    return passwordHash;
  }
  const plain = password || generatePassword(s, 0);
  if (new TextEncoder().encode(plain).length > MAX_PASSWORD_LENGTH) {
    throw badRequest('validation_failed', 'bcrypt: password length exceeds 72 bytes');
  }
  return hashPassword(plain, s.config.bcryptCost, s.random.bytes(16));
}

const BCRYPT_HASH = /^\$2[abxy]?\$(0[4-9]|[12]\d|3[01])\$[./A-Za-z0-9]{53}$/;
const ARGON2_HASH = /^\$argon2(d|i|id)\$v=(16|19)\$m=\d+,t=\d+,p=\d+(,keyid=[^,$]+)?(,data=[^$]+)?\$[^$]*\$.*$/;

/** The hash formats GoTrue imports: bcrypt, argon2 and Firebase scrypt. */
function isAcceptedHash(hash: string): boolean {
  if (hash.startsWith('$argon2')) return ARGON2_HASH.test(hash);
  if (hash.startsWith('$fbscrypt')) return true;
  return BCRYPT_HASH.test(hash);
}

/** PUT /admin/users/{id} — GoTrue's adminUserUpdate. */
export async function adminUserUpdate(c: Ctx) {
  const s = c.var.services;
  const user = targetUser(c);
  const body = await readBody(c, AdminUserBody);
  const email = body.email !== '' ? validateEmail(body.email) : '';
  const phone = body.phone !== '' ? validatePhone(body.phone) : '';
  const ban = parseBanDuration(body.ban_duration);
  const password = body.password ?? undefined;
  let encryptedPassword: string | null | undefined;
  if (password !== undefined) {
    checkPasswordStrength(password, s.config);
    encryptedPassword = password === '' ? null : await hashPassword(password, s.config.bcryptCost, s.random.bytes(16));
  }

  const loadedIdentities = await identitiesOf(s.db, user.id);
  const result = await asInternal('Error updating user', () =>
    s.db.transaction(async (tx) => {
      const now = s.clock.now();
      let u = user;
      const created: IdentityRow[] = [];
      if (body.role !== '') u = await updateUser(tx, u.id, { role: body.role.trim() }, now);
      if (body.email_confirm) u = await confirmEmailAsAdmin(tx, s, u);
      if (body.phone_confirm) u = await confirmPhoneAsAdmin(tx, s, u);
      if (encryptedPassword !== undefined) u = await setPasswordEverywhere(tx, s, u, encryptedPassword);
      if (email !== '') {
        const identity = await setContactIdentity(tx, s, u, 'email', email, body.email_confirm);
        if (identity) created.push(identity);
        if (u.is_anonymous && body.email_confirm) u = await updateUser(tx, u.id, { is_anonymous: false }, now);
        u = await updateUser(tx, u.id, { email }, now);
      }
      if (phone !== '') {
        const identity = await setContactIdentity(tx, s, u, 'phone', phone, body.phone_confirm);
        if (identity) created.push(identity);
        if (u.is_anonymous && body.phone_confirm) u = await updateUser(tx, u.id, { is_anonymous: false }, now);
        u = await updateUser(tx, u.id, { phone }, now);
      }
      if (body.app_metadata) u = await updateUser(tx, u.id, { raw_app_meta_data: mergeMetadata(u.raw_app_meta_data, body.app_metadata) }, now);
      if (body.user_metadata) u = await updateUser(tx, u.id, { raw_user_meta_data: mergeMetadata(u.raw_user_meta_data, body.user_metadata) }, now);
      if (ban !== undefined) u = await updateUser(tx, u.id, { banned_until: bannedUntil(s.clock.now(), ban) }, now);
      await audit(tx, s.random, now, {
        actor: adminOf(c), action: 'user_modified',
        traits: { user_email: u.email ?? '', user_id: u.id, user_phone: u.phone ?? '' },
      });
      return { user: u, created };
    }),
  );
  // as GoTrue: the response is the user loaded before the update with the changes applied in memory,
  // so confirmed_at and the data of identities that already existed are as they were
  const identities = [...loadedIdentities, ...result.created];
  return c.json(await userWithFactorsJson(s.db, { ...result.user, confirmed_at: user.confirmed_at }, identities));
}

const DeleteBody = z.object({ should_soft_delete: bool() });

/** DELETE /admin/users/{id} — hard delete, or GoTrue's soft delete; answers {}. */
export async function adminUserDelete(c: Ctx) {
  const s = c.var.services;
  const user = targetUser(c);
  const body = await readBody(c, DeleteBody);
  await s.db.transaction(async (tx) => {
    await audit(tx, s.random, s.clock.now(), {
      actor: adminOf(c), action: 'user_deleted',
      traits: { user_email: user.email ?? '', user_id: user.id, user_phone: user.phone ?? '' },
    });
    if (!body.should_soft_delete) {
      await asInternal('Database error deleting user', () => deleteUser(tx, user.id));
    } else if (!user.deleted_at) {
      // as GoTrue: a second soft delete changes nothing (but is still audited)
      await asInternal('Error soft deleting user', () => softDeleteUser(tx, s, user));
    }
  });
  return c.json({});
}
