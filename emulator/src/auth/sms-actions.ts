import type { Sql } from '../db/storage.js';
import { smsProviderProblem } from '../config.js';
import { tooManyRequests, unexpectedFailure } from '../errors.js';
import { renderTemplate } from '../go/template.js';
import type { Services } from '../services.js';
import { insertSms } from '../db/sms-store.js';
import { checkFrequency } from './email-actions.js';
import { saveToken, tokenHash } from './one-time-tokens.js';
import type { OneTimeTokenType } from '../db/one-time-tokens.js';
import type { UserRow } from './users.js';
import { updateUser } from '../db/users.js';

/** What an SMS code is for, as GoTrue's sendPhoneConfirmation distinguishes them. */
export type PhoneOtpKind = 'confirmation' | 'phone_change' | 'reauthentication';

const COLUMNS: Record<PhoneOtpKind, { token: OneTimeTokenType; sentAt: keyof UserRow }> = {
  confirmation: { token: 'confirmation_token', sentAt: 'confirmation_sent_at' },
  phone_change: { token: 'phone_change_token', sentAt: 'phone_change_sent_at' },
  reauthentication: { token: 'reauthentication_token', sentAt: 'reauthentication_sent_at' },
};

/**
 * Sends (captures in the outbox) an SMS code. A phone in the test OTP map gets its fixed code and no
 * SMS, with message id "test-otp". Returns the user and the message id GoTrue would return: as in
 * GoTrue, a real send reports none.
 */
export async function sendPhoneOtp(
  tx: Sql,
  s: Services,
  user: UserRow,
  phone: string,
  kind: PhoneOtpKind,
  channel = 'sms',
): Promise<{ user: UserRow; messageId: string }> {
  const now = s.clock.now();
  const { token: column, sentAt } = COLUMNS[kind];
  checkFrequency(user[sentAt] as Date | null, s.config.smsMaxFrequency, now, 'over_sms_send_rate_limit');

  let otp = s.config.smsTestOtp[phone];
  const messageId = otp ? 'test-otp' : '';
  if (!otp) {
    // as GoTrue: a provider it cannot set up fails every real send (a test OTP needs none)
    if (smsProviderProblem(s.config)) throw unexpectedFailure('Unable to get SMS provider');
    if (!s.config.smsAutoconfirm && !s.limits.take('sms-sent', s.config.rateLimitSmsSent, 60 * 60)) {
      throw tooManyRequests('over_sms_send_rate_limit', 'SMS rate limit exceeded');
    }
    otp = s.random.digits(s.config.smsOtpLength);
    await insertSms(tx, {
      id: s.random.uuid(),
      phone,
      body: renderTemplate(s.config.smsTemplate, { Code: otp }, false),
      channel,
      sms_type: kind === 'confirmation' ? 'sms' : kind,
      user_id: user.id,
      otp,
      created_at: now,
    });
  }
  const hash = await tokenHash(phone, otp);
  await saveToken(tx, s, { user, type: column, hash, relatesTo: phone, now });
  const changes: Partial<UserRow> = { [column]: hash, [sentAt]: now };
  if (kind === 'phone_change') changes.phone_change = phone;
  return { user: await updateUser(tx, user.id, changes, now), messageId };
}
