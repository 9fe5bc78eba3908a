import { z } from 'zod';
import { hashPassword } from '../auth/passwords.js';
import { findDuplicateEmailUser } from '../auth/admin-users.js';
import type { UserRow } from '../auth/users.js';
import { insertIdentity } from '../db/identities.js';
import { findUserByPhone, insertUser } from '../db/users.js';
import { validateEmail, validatePhone } from '../auth/validate.js';
import { sortKeys } from '../go/json.js';
import { badRequest, unprocessable } from '../errors.js';
import { DUPLICATE_EMAIL, DUPLICATE_PHONE } from '../routes/admin.js';
import type { Services } from '../services.js';

/** One user to seed: the fields test suites need, confirmed unless said otherwise. */
export const SeedUser = z.object({
  // any text here; seedUsers checks it as Postgres's uuid type does, where zod's z.uuid() also wants RFC version bits
  id: z.string().optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
  password: z.string().optional(),
  email_confirm: z.boolean().default(true),
  phone_confirm: z.boolean().default(true),
  user_metadata: z.record(z.string(), z.unknown()).default({}),
  app_metadata: z.record(z.string(), z.unknown()).default({}),
  role: z.string().optional(),
  is_anonymous: z.boolean().default(false),
});

export const SeedBody = z.object({ users: z.array(SeedUser).max(10_000) });

export type SeedUserInput = z.input<typeof SeedUser>;

/**
 * Postgres's uuid input rule: 32 hex digits, a hyphen allowed after any group of four, optionally in
 * braces, any case. So the nil-like ids seed files use (00000000-0000-0000-0000-000000000001) pass,
 * as they do in POST /admin/users and in SQL.
 */
const POSTGRES_UUID = /^\{?[0-9a-f]{4}(?:-?[0-9a-f]{4}){7}\}?$/i;

function postgresUuid(value: string, at: string): string {
  const braces = value.startsWith('{') === value.endsWith('}');
  if (!POSTGRES_UUID.test(value) || !braces) {
    throw badRequest('validation_failed', `${at}: invalid input syntax for type uuid: "${value}"`);
  }
  const hex = value.replace(/[{}-]/g, '').toLowerCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Creates users the way sign-up would leave them (identities, provider metadata), in one transaction. */
export async function seedUsers(s: Services, users: z.output<typeof SeedUser>[]): Promise<UserRow[]> {
  // hash outside the transaction: bcrypt is the slow part
  const hashes = await Promise.all(
    users.map((u) => (u.password ? hashPassword(u.password, s.config.bcryptCost, s.random.bytes(16)) : null)),
  );
  return s.db.transaction(async (tx) => {
    const now = s.clock.now();
    const created: UserRow[] = [];
    for (const [i, u] of users.entries()) {
      const email = u.email ? validateEmail(u.email) : null;
      const phone = u.phone ? validatePhone(u.phone) : null;
      if (!email && !phone && !u.is_anonymous) throw unprocessable('validation_failed', `users[${i}] needs an email or a phone`);
      // as POST /admin/users answers a taken address; inside the transaction, so a repeat within one seed counts too
      if (email && (await findDuplicateEmailUser(tx, email, s.config.jwtAud))) throw unprocessable('email_exists', DUPLICATE_EMAIL);
      if (phone && (await findUserByPhone(tx, phone, s.config.jwtAud))) throw unprocessable('phone_exists', DUPLICATE_PHONE);
      const id = u.id !== undefined ? postgresUuid(u.id, `users[${i}].id`) : s.random.uuid();
      const providers = [...(email ? ['email'] : []), ...(phone ? ['phone'] : [])];
      const user = await insertUser(tx, {
        id,
        aud: s.config.jwtAud,
        role: u.role ?? s.config.jwtDefaultGroupName,
        email,
        phone,
        encryptedPassword: hashes[i] ?? null,
        appMetadata: providers.length ? { provider: providers[0], providers, ...u.app_metadata } : u.app_metadata,
        userMetadata: u.user_metadata,
        emailConfirmedAt: email && u.email_confirm ? now : null,
        phoneConfirmedAt: phone && u.phone_confirm ? now : null,
        isAnonymous: u.is_anonymous,
        now,
      });
      for (const provider of providers) {
        const address = provider === 'email' ? email! : phone!;
        await insertIdentity(tx, {
          id: s.random.uuid(), userId: id, provider, providerId: id, now,
          data: sortKeys({
            sub: id,
            [provider]: address,
            email_verified: provider === 'email' && u.email_confirm,
            phone_verified: provider === 'phone' && u.phone_confirm,
          }),
        });
      }
      created.push(user);
    }
    return created;
  });
}
