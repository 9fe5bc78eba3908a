import { badRequest } from '../errors.js';

// The address grammar of github.com/badoux/checkmail, which GoTrue validates with.
const EMAIL_RE =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

/** As GoTrue's validateEmail: required, at most 255 characters, checkmail's format; lowercased. */
export function validateEmail(email: string): string {
  if (email === '') throw badRequest('validation_failed', 'An email address is required');
  if (email.length > 255) throw badRequest('validation_failed', 'An email address is too long');
  if (!EMAIL_RE.test(email)) throw badRequest('validation_failed', 'Unable to validate email address: invalid format');
  return email.toLowerCase();
}

/** As GoTrue's formatPhoneNumber: no leading "+", no spaces — how phones are stored and looked up. */
export const formatPhone = (phone: string) => phone.replace(/^\+/, '').replaceAll(' ', '');

/** As GoTrue's validatePhone: the formatted number must be E.164 digits. Stored without "+". */
export function validatePhone(phone: string): string {
  const digits = formatPhone(phone);
  if (!/^[1-9]\d{1,14}$/.test(digits)) throw badRequest('validation_failed', 'Invalid phone number format (E.164 required)');
  return digits;
}
