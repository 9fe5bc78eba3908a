import { SettingNotice } from '../settings/SettingNotice.js';
import type { SettingsState } from '../settings/use-auth-settings.js';
import { enabledOAuthProviders } from './oauth-urls.js';
import { providerTitle } from './ProviderSelect.js';

/** Which OAuth providers GET /settings says are on, or how to turn one on. */
export function OAuthProvidersNotice({ settings, providers }: { settings: SettingsState; providers: string[] }) {
  return (
    <SettingNotice
      settings={settings}
      ready={(s) => enabledOAuthProviders(s.external).length > 0}
      on={<>OAuth providers on (GET /settings <code>external</code>): {providers.map(providerTitle).join(', ')}, each served by authlab’s fake provider.</>}
      off={
        <>
          No OAuth provider is on (every <code>external.&lt;provider&gt;</code> in GET /settings is false, the default),
          so /authorize refuses with <code>provider_disabled</code>. Restart the emulator with{' '}
          <code>GOTRUE_EXTERNAL_GITHUB_ENABLED=true npm start</code> (or <code>AUTHLAB_EXTERNAL_ALL_ENABLED=true</code>, or{' '}
          <code>[auth.external.github] enabled = true</code> in supabase/config.toml).
        </>
      }
    />
  );
}
