import { factorsOf, type FactorRow } from '../../db/mfa-factors.js';
import type { Sql } from '../../db/storage.js';
import { goTime, goTimeOrUndefined, omitUndefined, sortKeys } from '../../go/json.js';

/** GoTrue's MFA factors on the wire (models/factor.go); their rows and SQL are in db/mfa-factors.ts. */

/** A factor as GoTrue's models.Factor marshals it (last_challenged_at is null, never omitted). */
export function factorJson(f: FactorRow) {
  return omitUndefined({
    id: f.id,
    created_at: goTime(f.created_at),
    updated_at: goTime(f.updated_at),
    status: f.status,
    friendly_name: f.friendly_name || undefined,
    factor_type: f.factor_type,
    phone: f.phone ?? '',
    last_challenged_at: goTimeOrUndefined(f.last_challenged_at) ?? null,
    web_authn_aaguid: f.web_authn_aaguid ?? undefined,
    last_webauthn_challenge_data: f.last_webauthn_challenge_data ? sortKeys(f.last_webauthn_challenge_data) : undefined,
  });
}

/** The user's factors as they appear in the user object. */
export const factorsJson = async (sql: Sql, userId: string) => (await factorsOf(sql, userId)).map(factorJson);
