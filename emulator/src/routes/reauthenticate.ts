import { audit } from '../auth/audit.js';
import { sendReauthentication } from '../auth/email-actions.js';
import { sendPhoneOtp } from '../auth/sms-actions.js';
import { currentUser } from '../http/auth.js';
import type { Ctx } from '../http/env.js';
import { requestInfo } from '../http/request.js';
import { badRequest, unprocessable } from '../errors.js';

/** GET /reauthenticate — a nonce by mail (or SMS) for a password change that requires one. */
export async function reauthenticate(c: Ctx) {
  const s = c.var.services;
  const user = currentUser(c);
  const email = user.email ?? '';
  const phone = user.phone ?? '';
  if (email === '' && phone === '') {
    throw badRequest('validation_failed', 'Reauthentication requires the user to have an email or a phone number');
  }
  if (email !== '' && !user.email_confirmed_at) throw unprocessable('email_not_confirmed', 'Please verify your email first.');
  if (email === '' && !user.phone_confirmed_at) throw unprocessable('phone_not_confirmed', 'Please verify your phone first.');
  const request = requestInfo(c);
  const messageId = await s.db.transaction(async (tx) => {
    await audit(tx, s.random, s.clock.now(), { actor: user, action: 'user_reauthenticate_requested', ip: request.ip });
    if (email !== '') {
      await sendReauthentication(tx, s, user);
      return '';
    }
    return (await sendPhoneOtp(tx, s, user, phone, 'reauthentication')).messageId;
  });
  return c.json(messageId ? { message_id: messageId } : {});
}
