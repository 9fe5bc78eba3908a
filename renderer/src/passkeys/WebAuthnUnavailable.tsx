import { localhostUrl } from './ceremony.js';

/** Why this page cannot run WebAuthn ceremonies (originProblem), and the same page where it can. */
export function WebAuthnUnavailable({ problem }: { problem: string }) {
  const url = localhostUrl(window.location);
  return (
    <p className="setting-notice warn" role="alert" aria-label="WebAuthn unavailable">
      WebAuthn cannot run here: {problem}. Browsers only run WebAuthn ceremonies on a domain over https, or on{' '}
      <code>localhost</code>: open <a href={url}>{url}</a> (and list <code>http://localhost:{window.location.port}</code> in
      the relying party’s <code>rp_origins</code>).
    </p>
  );
}
