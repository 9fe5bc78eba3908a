import { z } from 'zod';
import { parseUuid } from '../auth/admin-users.js';
import { audit } from '../auth/audit.js';
import { factorJson, factorsJson } from '../auth/mfa/factor-json.js';
import { deleteFactor, findOwnedFactor, renameFactor, setFactorPhone, type FactorRow } from '../db/mfa-factors.js';
import type { UserRow } from '../auth/users.js';
import { validatePhone } from '../auth/validate.js';
import type { Ctx } from '../http/env.js';
import { readBody, requestInfo } from '../http/request.js';
import { AuthError, badRequest, notFound } from '../errors.js';
import { adminOf, asInternal, targetUser } from './admin.js';
import { str } from './params.js';

/** GoTrue's admin factor endpoints (admin.go): list, update and delete a user's MFA factors. */

/** As GoTrue's loadFactor: 404 for an id that is no UUID or is not one of the user's factors. */
async function targetFactor(c: Ctx, user: UserRow): Promise<FactorRow> {
  const id = parseUuid(c.req.param('factor_id') ?? '');
  if (!id) throw notFound('validation_failed', 'factor_id must be an UUID');
  const factor = await findOwnedFactor(c.var.services.db, user.id, id);
  if (!factor) throw notFound('mfa_factor_not_found', 'Factor not found');
  return factor;
}

/** GET /admin/users/{id}/factors — the user's factors, [] when none. */
export async function adminUserFactors(c: Ctx) {
  const user = targetUser(c);
  return c.json(await factorsJson(c.var.services.db, user.id));
}

/** DELETE /admin/users/{id}/factors/{factor_id} — answers the deleted factor. */
export async function adminUserDeleteFactor(c: Ctx) {
  const s = c.var.services;
  const user = targetUser(c);
  const factor = await targetFactor(c, user);
  await s.db.transaction(async (tx) => {
    // as GoTrue: this one entry names the user (not the admin) as actor, with the caller's address
    await audit(tx, s.random, s.clock.now(), {
      actor: user, action: 'factor_deleted', ip: requestInfo(c).ip, traits: { factor_id: factor.id, user_id: user.id },
    });
    await asInternal('Database error deleting factor', () => deleteFactor(tx, factor.id));
  });
  return c.json(factorJson(factor));
}

const UpdateFactorBody = z.object({ friendly_name: str(), phone: str() });

/** PUT /admin/users/{id}/factors/{factor_id} — friendly_name, and phone for phone factors. */
export async function adminUserUpdateFactor(c: Ctx) {
  const s = c.var.services;
  const user = targetUser(c);
  let factor = await targetFactor(c, user);
  const body = await readBody(c, UpdateFactorBody);
  factor = await s.db.transaction(async (tx) => {
    const now = s.clock.now();
    let updated = factor;
    if (body.friendly_name !== '') {
      updated = await renameFactor(tx, factor.id, body.friendly_name, now);
    }
    if (body.phone !== '' && factor.factor_type === 'phone') {
      let phone: string;
      try {
        phone = validatePhone(body.phone);
      } catch (e) {
        if (e instanceof AuthError) throw badRequest('validation_failed', 'Invalid phone number format (E.164 required)');
        throw e;
      }
      updated = await setFactorPhone(tx, factor.id, phone, now);
    }
    await audit(tx, s.random, now, {
      actor: adminOf(c), action: 'factor_updated', traits: { factor_id: factor.id, factor_type: factor.factor_type, user_id: user.id },
    });
    return updated;
  });
  return c.json(factorJson(factor));
}
