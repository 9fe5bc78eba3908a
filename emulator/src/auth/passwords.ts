import { bcrypt, bcryptVerify } from 'hash-wasm';
import type { Config } from '../config.js';
import { AuthError, badRequest } from '../errors.js';

/** bcrypt only reads 72 bytes; GoTrue refuses longer passwords rather than truncating them. */
export const MAX_PASSWORD_LENGTH = 72;

export interface WeakPassword {
  message: string;
  reasons: string[];
}

/** GoTrue's PASSWORD_REQUIRED_CHARACTERS: sets separated by ":", where "\\:" is a literal colon. */
export function requiredCharacterSets(spec: string): string[] {
  const sets: string[] = [];
  let current = '';
  for (let i = 0; i < spec.length; i++) {
    if (spec[i] === '\\' && spec[i + 1] === ':') {
      current += ':';
      i++;
    } else if (spec[i] === ':') {
      sets.push(current);
      current = '';
    } else current += spec[i];
  }
  sets.push(current);
  return sets.filter(Boolean);
}

/** GoTrue's strength rules; returns what is weak about a password, or undefined if it is fine. */
export function weakness(password: string, config: Config): WeakPassword | undefined {
  const reasons: string[] = [];
  const messages: string[] = [];
  if (password.length < config.passwordMinLength) {
    reasons.push('length');
    messages.push(`Password should be at least ${config.passwordMinLength} characters.`);
  }
  const sets = requiredCharacterSets(config.passwordRequiredCharacters);
  if (sets.some((set) => ![...set].some((ch) => password.includes(ch)))) {
    reasons.push('characters');
    messages.push(`Password should contain at least one character of each: ${sets.join(', ')}.`);
  }
  return reasons.length ? { message: messages.join(' '), reasons } : undefined;
}

/** Throws GoTrue's 400 (too long) or 422 weak_password for a password that may not be set. */
export function checkPasswordStrength(password: string, config: Config): void {
  if (new TextEncoder().encode(password).length > MAX_PASSWORD_LENGTH) {
    throw badRequest('validation_failed', `Password cannot be longer than ${MAX_PASSWORD_LENGTH} characters`);
  }
  const weak = weakness(password, config);
  if (weak) throw new AuthError(422, 'weak_password', weak.message, { weak_password: { reasons: weak.reasons } });
}

/** A bcrypt hash in GoTrue's format ($2a$, cost from config; GoTrue uses 10). */
export function hashPassword(password: string, cost: number, salt: Uint8Array): Promise<string> {
  return bcrypt({ password, salt, costFactor: cost, outputType: 'encoded' });
}

export async function verifyPassword(password: string, hash: string | null): Promise<boolean> {
  if (!hash || !/^\$2[aby]\$\d\d\$/.test(hash)) return false;
  try {
    return await bcryptVerify({ password, hash });
  } catch {
    return false;
  }
}
