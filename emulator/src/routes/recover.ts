import { z } from 'zod';
import { audit } from '../auth/audit.js';
import { sendRecovery } from '../auth/email-actions.js';
import { createFlowState } from '../auth/flow-state.js';
import { validatePkceParams } from '../auth/pkce.js';
import { findUserByEmail } from '../db/users.js';
import { validateEmail } from '../auth/validate.js';
import type { Ctx } from '../http/env.js';
import { redirectTo } from '../http/redirect.js';
import { readBody, requestInfo } from '../http/request.js';
import { badRequest } from '../errors.js';
import { pkceFields, str } from './params.js';

const RecoverBody = z.object({ email: str(), ...pkceFields });

/** POST /recover — a password recovery mail. As GoTrue: 200 {} whether or not the address is known. */
export async function recover(c: Ctx) {
  const s = c.var.services;
  const body = await readBody(c, RecoverBody);
  if (body.email === '') throw badRequest('validation_failed', 'Password recovery requires an email');
  const email = validateEmail(body.email);
  const flow = validatePkceParams(body.code_challenge_method, body.code_challenge);
  const user = await findUserByEmail(s.db, email, s.config.jwtAud);
  if (!user) return c.json({});
  const request = requestInfo(c);
  await s.db.transaction(async (tx) => {
    if (flow === 'pkce') {
      await createFlowState(tx, s, {
        userId: user.id, providerType: 'recovery', method: 'recovery',
        codeChallenge: body.code_challenge, codeChallengeMethod: body.code_challenge_method,
      });
    }
    await audit(tx, s.random, s.clock.now(), { actor: user, action: 'user_recovery_requested', ip: request.ip });
    await sendRecovery(tx, s, user, { redirectTo: redirectTo(c), pkce: flow === 'pkce' });
  });
  return c.json({});
}
