import { SettingNotice } from '../settings/SettingNotice.js';
import type { SettingsState } from '../settings/use-auth-settings.js';
import { localhostUrl, originProblem } from './ceremony.js';
import { WebAuthnUnavailable } from './WebAuthnUnavailable.js';

const PASSKEY_ENV = 'GOTRUE_PASSKEY_ENABLED=true GOTRUE_WEBAUTHN_RP_ID=localhost GOTRUE_WEBAUTHN_RP_DISPLAY_NAME=authlab';

/** Whether passkeys are on (GET /settings), how to turn them on, and whether this page's origin can run WebAuthn at all. */
export function PasskeySettingNotice({ settings }: { settings: SettingsState }) {
  const origin = window.location.origin;
  const localhost = localhostUrl(window.location);
  const problem = originProblem(window.location);
  return (
    <>
      <SettingNotice
        settings={settings}
        ready={(s) => s.passkeys_enabled === true}
        on={
          <>
            Passkeys are on (<code>passkeys_enabled: true</code>). The relying party’s <code>rp_origins</code> must list this
            page’s origin, <code>{origin}</code>.
          </>
        }
        off={
          <>
            Passkeys are off on this emulator (<code>passkeys_enabled: false</code>), as in a fresh <code>supabase start</code>.
            Turn them on in supabase/config.toml with <code>[auth.passkey] enabled = true</code> and{' '}
            <code>[auth.webauthn] rp_id = "localhost"</code>, <code>rp_display_name</code>,{' '}
            <code>rp_origins = ["http://localhost:{window.location.port}"]</code> — or start it with{' '}
            <code>
              {PASSKEY_ENV} GOTRUE_WEBAUTHN_RP_ORIGINS=http://localhost:{window.location.port}
            </code>
            . Then open this page at <a href={localhost}>{localhost}</a>.
          </>
        }
      />
      {problem && <WebAuthnUnavailable problem={problem} />}
    </>
  );
}
