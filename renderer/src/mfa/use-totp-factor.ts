import { useState } from 'react';
import { useSessionState } from '../ui/use-session-state.js';
import { useTotpSecret } from './use-totp-secret.js';

/** The TOTP factor the MFA steps share: enrolling sets it, verifying and unenrolling use it. */
export function useTotpFactor() {
  const [factorId, setFactorId] = useSessionState('authlab.mfa.factor-id', () => '');
  // the error code that showed TOTP is off, until an enrolment succeeds
  const [offCode, setOffCode] = useState<string | null>(null);
  const totp = useTotpSecret(factorId);
  return { factorId, setFactorId, offCode, setOffCode, totp };
}

export type TotpFactor = ReturnType<typeof useTotpFactor>;
