import { useEffect, useState } from 'react';
import { useExplorer } from '../explorer/ExplorerProvider.js';
import { isDesktopCallback, openLink } from '../desktop/links.js';
import { leadsBackHere } from '../landing/landing.js';
import { useHashRoute } from '../layout/use-hash-route.js';
import { CopyButton, UseCodeButton } from '../ui/CopyButton.js';
import { formatAddress, formatAddresses } from './addresses.js';
import { getMail, getMailAuth, type MailAuthDetails, type Message } from './inbox-api.js';
import { MailSource } from './MailSource.js';

interface Loaded {
  message: Message;
  auth: MailAuthDetails;
}

function linkToken(actionUrl: string): string {
  try {
    return new URL(actionUrl).searchParams.get('token') ?? '';
  } catch {
    return '';
  }
}

/** Whether following the link comes back to the explorer, and what to do when it does not. */
function RedirectCheck({ redirectTo }: { redirectTo: string }) {
  if (!redirectTo) return null;
  if (isDesktopCallback(redirectTo)) {
    return <p className="mail-note ok">After verifying, GoTrue redirects to the desktop app’s callback, which hands the result to this window.</p>;
  }
  if (leadsBackHere(redirectTo)) {
    return <p className="mail-note ok">After verifying, GoTrue redirects back to this explorer.</p>;
  }
  return (
    <p className="mail-note warn" role="alert">
      GoTrue did not accept the explorer’s address as redirect_to, so the link ends at <code>{redirectTo}</code> (SITE_URL)
      instead. Allow this page with <code>GOTRUE_URI_ALLOW_LIST="{window.location.origin}/**"</code> and restart the
      emulator.
    </p>
  );
}

interface Props {
  id: string;
  onUseCode?: ((code: string) => void) | undefined;
  /** The Inbox screen: tabs for every header and the raw source, as Mailpit's. */
  sourceViews?: boolean;
}

/** One captured mail: headers, the HTML as a mail client would show it, and what GoTrue put in it. */
export function MailView({ id, onUseCode, sourceViews = false }: Props) {
  const { inboxUrl } = useExplorer();
  const route = useHashRoute('');
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState('');

  useEffect(() => {
    let live = true;
    Promise.all([getMail(inboxUrl, id), getMailAuth(inboxUrl, id)])
      .then(([message, auth]) => live && setLoaded({ message, auth }))
      .catch((e: unknown) => live && setError((e as Error).message));
    return () => {
      live = false;
    };
  }, [inboxUrl, id]);

  if (error) return <p className="error-text">Cannot read the mail: {error}</p>;
  if (!loaded) return <p className="muted">Loading the mail…</p>;
  const { message, auth } = loaded;
  const token = linkToken(auth.ActionURL);
  // no allow-scripts, no allow-same-origin: the mail's HTML cannot run code or reach the explorer
  const body = <iframe className="mail-html" title="Mail body" sandbox="" srcDoc={message.HTML || `<pre>${escapeHtml(message.Text)}</pre>`} />;
  return (
    <article className="mail" aria-label={`Mail: ${message.Subject}`}>
      <dl className="mail-headers">
        <dt>Subject</dt>
        <dd className="mail-subject">{message.Subject}</dd>
        <dt>From</dt>
        <dd>{formatAddress(message.From)}</dd>
        <dt>To</dt>
        <dd>{formatAddresses(message.To)}</dd>
        <dt>Time</dt>
        <dd>{new Date(message.Date).toLocaleTimeString()}</dd>
      </dl>
      {sourceViews ? <MailSource id={id} body={body} /> : body}
      <dl className="mail-auth">
        {auth.OTP && (
          <>
            <dt>Code</dt>
            <dd>
              <code className="otp" aria-label="Code in the mail">{auth.OTP}</code> <UseCodeButton code={auth.OTP} onUse={onUseCode} />
            </dd>
          </>
        )}
        {token && (
          <>
            <dt>Token in link</dt>
            <dd>
              <code className="mail-token">{token.startsWith('pkce_') ? `pkce_${token.slice(5, 13)}…` : `${token.slice(0, 8)}…`}</code>
              {token.startsWith('pkce_') && <span className="badge">pkce_: the link returns ?code=</span>}
            </dd>
          </>
        )}
        {auth.ActionURL && (
          <>
            <dt>Link</dt>
            <dd className="mail-link">
              <code aria-label="Link in the mail">{auth.ActionURL}</code> <CopyButton value={auth.ActionURL} what="link" />
            </dd>
          </>
        )}
      </dl>
      <RedirectCheck redirectTo={auth.RedirectTo} />
      {auth.ActionURL && (
        <div className="row">
          <button type="button" className="primary" onClick={() => openLink(auth.ActionURL, route)}>
            Open the link
          </button>
          <span className="muted small">Links inside the preview are inert; this follows the link as a click in a mail app would.</span>
        </div>
      )}
    </article>
  );
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}
