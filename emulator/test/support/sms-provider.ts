/**
 * An SMS provider GoTrue accepts (Twilio with every required field), so phone sign-in is on as
 * `supabase start` allows it; authlab captures the messages in its outbox instead of sending them.
 */
export const TWILIO = {
  smsProvider: 'twilio',
  smsTwilioAccountSid: 'ACtest',
  smsTwilioAuthToken: 'test-token',
  smsTwilioMessageServiceSid: 'MGtest',
} as const;

/** The same provider as a docker-compose environment would give it to GoTrue. */
export const TWILIO_ENV = {
  GOTRUE_SMS_PROVIDER: 'twilio',
  GOTRUE_SMS_TWILIO_ACCOUNT_SID: 'ACtest',
  GOTRUE_SMS_TWILIO_AUTH_TOKEN: 'test-token',
  GOTRUE_SMS_TWILIO_MESSAGE_SERVICE_SID: 'MGtest',
} as const;
