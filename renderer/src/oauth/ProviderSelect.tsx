/** authlab's fake provider's pages use these names; the rest are capitalised. */
const TITLES: Record<string, string> = { github: 'GitHub', gitlab: 'GitLab', linkedin_oidc: 'LinkedIn', slack_oidc: 'Slack', workos: 'WorkOS' };

export const providerTitle = (p: string) => TITLES[p] ?? p.charAt(0).toUpperCase() + p.slice(1);

export function ProviderSelect({ label, value, providers, onChange }: { label: string; value: string; providers: string[]; onChange(p: string): void }) {
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value)} disabled={providers.length === 0}>
        {providers.map((p) => (
          <option key={p} value={p}>
            {providerTitle(p)}
          </option>
        ))}
      </select>
    </label>
  );
}
