const TOTP_ENV = 'GOTRUE_MFA_TOTP_ENROLL_ENABLED=true GOTRUE_MFA_TOTP_VERIFY_ENABLED=true';

/** A fresh `supabase start` has TOTP off: say which error showed it and how to turn it on. */
export function TotpOffNotice({ code }: { code: string }) {
  return (
    <p className="setting-notice warn" role="alert" aria-label="TOTP is off">
      TOTP is off on this emulator (GoTrue answered <code>{code}</code>), as in a fresh <code>supabase start</code>.
      Restart it with <code>{TOTP_ENV}</code> (or <code>[auth.mfa.totp] enroll_enabled = true, verify_enabled = true</code>{' '}
      in supabase/config.toml).
    </p>
  );
}
