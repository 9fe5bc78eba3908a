import type { Context } from 'hono';
import { createNonce, html, mountRoot, pageResponse, relativeTime, trustedHtml, type Html } from '../http/html.js';
import type { Services } from '../services.js';
import { textBody } from './mime.js';
import { toHeaders } from './message.js';
import { mailSearch } from './search.js';
import { allMail, findMail, mailPage, mailStats, setMailRead, type MailRow } from './store.js';

/**
 * The inbox web page (GET /) and the HTML view of one mail (GET /view/{ID}.html, /view/latest).
 * Rendered on the server through the escaping `html` tag; the page's script only copies, deletes
 * and refreshes. A mail's HTML is shown in a sandboxed iframe without scripts. `?q=` narrows the
 * list with Mailpit's search grammar (search.ts), as Mailpit's own search box does.
 */

/** How many mails the page lists; the API pages through the rest. */
const PAGE_SIZE = 200;

/**
 * The mail iframe's sandbox: links may open (a new tab, or this one on a click), scripts may not
 * run. Links open in a new tab through the `<base target="_blank">` we add, and that tab must
 * escape the sandbox: a confirmation link lands in the app under test, whose script has to run.
 */
const MAIL_SANDBOX = 'allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation';

/** What the inbox needs from the emulator. */
export type InboxServices = Pick<Services, 'db' | 'clock' | 'random'>;

export async function inboxPage(c: Context, s: InboxServices) {
  const root = mountRoot(c.req.path);
  const id = c.req.query('id');
  let selected = id ? await findMail(s.db, id) : undefined;
  // as Mailpit's web UI: opening a message marks it read (the page's own refresh does not, so a
  // test marking it unread is not overruled by an inbox left open)
  if (selected && !selected.read && !c.req.header('x-authlab-live')) {
    await setMailRead(s.db, true, [selected.id]);
    selected = { ...selected, read: true };
  }
  const query = (c.req.query('q') ?? '').trim();
  const listed = query
    ? allMail(s.db).then((all) => all.filter(mailSearch(query, c.req.query('tz'))))
    : mailPage(s.db, { limit: PAGE_SIZE, offset: 0 });
  const [matches, stats] = await Promise.all([listed, mailStats(s.db)]);
  const nonce = { script: createNonce(s.random.bytes(16)), style: createNonce(s.random.bytes(16)) };
  const page = renderInboxPage({
    root, query, rows: matches.slice(0, PAGE_SIZE), matching: query ? matches.length : stats.total, total: stats.total, unread: stats.unread,
    id, selected, now: s.clock.now(), styleNonce: nonce.style,
  });
  return pageResponse(c, { title: 'authlab inbox', nonce, body: page, css: INBOX_CSS, script: INBOX_SCRIPT });
}

export interface InboxView {
  /** Where the inbox app is mounted, without a trailing slash: '' at the root, else e.g. '/_inbox'. */
  root: string;
  /** The ?q= search, '' for none. */
  query: string;
  rows: MailRow[];
  /** Messages the search matches (all of them without one). */
  matching: number;
  total: number;
  unread: number;
  /** The ?id= asked for, and the mail it names if it exists. */
  id: string | undefined;
  selected: MailRow | undefined;
  now: Date;
  styleNonce: string;
}

/** This page with the search kept, opening one message or none. */
function pageHref(v: Pick<InboxView, 'root' | 'query'>, id?: string): string {
  const params = new URLSearchParams();
  if (v.query) params.set('q', v.query);
  if (id) params.set('id', id);
  const search = params.toString();
  return `${v.root || '/'}${search ? `?${search}` : ''}`;
}

/** As a mail client shows a recipient: `Name <address>`, or the bare address. */
const readable = (a: { Name: string; Address: string }) => (a.Name ? `${a.Name} <${a.Address}>` : a.Address);

function stats(v: InboxView): string {
  if (v.query) return `${v.matching} of ${v.total} ${v.total === 1 ? 'message matches' : 'messages match'}`;
  return `${v.total} ${v.total === 1 ? 'message' : 'messages'}, ${v.unread} unread`;
}

export function renderInboxPage(v: InboxView): Html {
  // with a search, the header's delete is Mailpit's DELETE /api/v1/search: the matches only
  const deleteAll = v.query
    ? html`<button class="danger" data-delete="${v.root}/api/v1/search?query=${encodeURIComponent(v.query)}" data-confirm="Delete the ${v.matching === 1 ? 'matching mail' : `${v.matching} matching mails`}?" data-then="${pageHref(v)}">Delete matches</button>`
    : html`<button class="danger" data-delete="${v.root}/api/v1/messages" data-confirm="Delete every captured mail?" data-then="${v.root || '/'}">Delete all</button>`;
  return html`
<header class="bar">
  <h1>authlab <span>inbox</span></h1>
  <nav><a href="${v.root || '/'}" aria-current="page">Mail</a><a href="${v.root}/sms">SMS</a></nav>
  <form class="search" role="search" method="get" action="${v.root || '/'}">
    <input type="search" name="q" value="${v.query}" aria-label="Search mail" placeholder="to:ada@example.com  subject:Confirm  is:unread  words">
    <button type="submit">Search</button>
  </form>
  <div class="spacer"></div>
  <span class="stats" id="stats" data-live>${stats(v)}</span>
  ${deleteAll}
</header>
<main class="inbox" data-events="${v.root}/api/events">
  <ul class="list" id="list" data-live>${
    v.rows.length === 0
      ? v.query
        ? html`<li class="empty">No mail matches “${v.query}”.</li>`
        : html`<li class="empty">No mail yet.<br>Mail GoTrue sends (confirmations, magic links, recovery, invites) lands here.</li>`
      : v.rows.map((m) => listItem(v, m))
  }</ul>
  <section class="detail" id="detail" data-live data-key="${v.selected?.id ?? (v.id ? 'missing' : 'none')}">${detail(v)}</section>
</main>`;
}

function listItem(v: InboxView, m: MailRow): Html {
  const classes = ['item', m.read ? 'read' : 'unread', m.id === v.selected?.id ? 'selected' : ''].join(' ');
  return html`<li><a class="${classes}" href="${pageHref(v, m.id)}">
    <span class="dot" title="${m.read ? 'read' : 'unread'}"></span>
    <span class="to">${m.to_addresses.map(readable).join(', ')}</span>
    <time datetime="${m.created_at.toISOString()}" title="${m.created_at.toISOString()}">${relativeTime(m.created_at, v.now)}</time>
    <span class="subject">${m.subject || '(no subject)'}</span>
    <span class="type">${m.mail_type.replace('_', ' ')}</span>
  </a></li>`;
}

function detail(v: InboxView): Html {
  const m = v.selected;
  if (!m) return html`<div class="empty">${v.id ? 'This message no longer exists.' : 'Select a message to read it.'}</div>`;
  const headers = Object.entries(toHeaders(m));
  return html`
  <div class="meta">
    <h2>${m.subject || '(no subject)'}</h2>
    <div class="actions">
      <a class="button" href="${v.root}/view/${encodeURIComponent(m.id)}.html" target="_blank" rel="noopener">Open HTML</a>
      <a class="button" href="${v.root}/api/v1/message/${encodeURIComponent(m.id)}/raw" target="_blank" rel="noopener">Raw source</a>
      <button class="danger" data-delete-ids="${m.id}" data-url="${v.root}/api/v1/messages" data-then="${pageHref(v)}">Delete</button>
    </div>
    <dl>
      <dt>From</dt><dd>${readable({ Name: m.from_name, Address: m.from_address })}</dd>
      <dt>To</dt><dd>${m.to_addresses.map(readable).join(', ')}</dd>
      <dt>Date</dt><dd>${m.created_at.toISOString().replace('T', ' ').slice(0, 19)} UTC</dd>
    </dl>
  </div>
  ${extras(m)}
  <div class="tabs" role="tablist">
    <button role="tab" data-tab="html" aria-selected="true">HTML</button>
    <button role="tab" data-tab="text" aria-selected="false">Text</button>
    <button role="tab" data-tab="headers" aria-selected="false">Headers</button>
  </div>
  <iframe class="panel mail" data-panel="html" title="Message HTML" sandbox="${MAIL_SANDBOX}" srcdoc="${mailDocument(m, v.styleNonce)}"></iframe>
  <pre class="panel text" data-panel="text" hidden>${textBody(m)}</pre>
  <div class="panel headers" data-panel="headers" hidden><table>${headers.map(
    ([name, values]) => values.map((value) => html`<tr><th>${name}</th><td>${value}</td></tr>`),
  )}</table></div>`;
}

/** The authlab extras: what GoTrue put in the mail, with copy buttons. */
function extras(m: MailRow): Html {
  const link = m.action_url && /^https?:\/\//i.test(m.action_url) ? m.action_url : undefined;
  return html`<div class="extras">
    <div class="extra"><span class="label">Type</span><code>${m.mail_type}</code></div>
    ${m.otp && html`<div class="extra"><span class="label">OTP</span><span class="otp">${m.otp}</span><button data-copy="${m.otp}">Copy</button></div>`}
    ${link && html`<div class="extra link"><span class="label">Action link</span><a href="${link}" target="_blank" rel="noopener noreferrer">${link}</a><button data-copy="${link}">Copy</button></div>`}
    ${m.redirect_to && html`<div class="extra"><span class="label">Redirect to</span><code>${m.redirect_to}</code></div>`}
  </div>`;
}

/**
 * The document the iframe shows: the mail's HTML with a `<base target="_blank">` so links open in
 * a new tab, a readable default style, and the page's style nonce on the mail's own <style>
 * elements (an srcdoc document inherits the page's CSP). A text-only mail is shown as text.
 */
export function mailDocument(m: Pick<MailRow, 'html_body' | 'text_body'>, styleNonce: string): string {
  const head = `<base target="_blank"><style nonce="${styleNonce}">${MAIL_CSS}</style>`;
  if (!m.html_body) return html`<!doctype html><html><head>${trustedHtml(head)}</head><body><pre>${m.text_body}</pre></body></html>`.value;
  const body = m.html_body.replace(/<style\b/gi, `<style nonce="${styleNonce}"`);
  const headTag = /<head\b[^>]*>/i.exec(body);
  if (headTag) return body.slice(0, headTag.index + headTag[0].length) + head + body.slice(headTag.index + headTag[0].length);
  return `<!doctype html><html><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`;
}

/** GET /view/{ID}.html: the mail's HTML alone, scripts off; /view/latest redirects to the newest. */
export async function viewMessage(c: Context, s: InboxServices) {
  const file = c.req.param('file')!;
  if (file === 'latest') {
    const [latest] = await mailPage(s.db, { limit: 1, offset: 0 });
    // as Mailpit: to the newest message, or to the inbox when there is none
    const root = mountRoot(c.req.path.replace(/\/view\/latest$/, ''));
    return c.redirect(latest ? `${root}/view/${encodeURIComponent(latest.id)}.html` : root || '/', 302);
  }
  const m = file.endsWith('.html') ? await findMail(s.db, file.slice(0, -'.html'.length)) : undefined;
  if (!m) return c.text('404 page not found', 404);
  const document = m.html_body || html`<!doctype html><pre>${m.text_body}</pre>`.value;
  return c.body(document, 200, {
    'content-type': 'text/html; charset=utf-8',
    // the mail is untrusted markup: no scripts, its own inline styles, images from anywhere
    'content-security-policy':
      "default-src 'none'; style-src 'unsafe-inline'; img-src data: http: https:; " + `sandbox ${MAIL_SANDBOX}`,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  });
}


const MAIL_CSS = 'body{margin:20px 24px;font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1c2024}a{color:#0b63ce}';

const INBOX_CSS = `
main.inbox { flex: 1; display: grid; grid-template-columns: minmax(300px, 380px) 1fr; min-height: 0; }
.bar .search { display: flex; gap: 6px; flex: 0 1 420px; min-width: 200px; }
.bar .search input { flex: 1; min-width: 0; font: inherit; padding: 5px 9px; border: 1px solid var(--line); border-radius: 6px; }
.list { list-style: none; margin: 0; padding: 0; overflow-y: auto; border-right: 1px solid var(--line); background: var(--panel); }
.list .item { display: grid; grid-template-columns: 14px 1fr auto; gap: 2px 8px; padding: 10px 14px 10px 10px;
  border-bottom: 1px solid var(--line); color: inherit; text-decoration: none; }
.list .item:hover { background: #f3f5f7; }
.list .item.selected { background: var(--accent-soft); box-shadow: inset 3px 0 var(--accent); }
.list .dot { grid-row: 1 / span 3; width: 8px; height: 8px; margin-top: 6px; border-radius: 50%; }
.list .unread .dot { background: var(--accent); }
.list .to { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.list .unread .to, .list .unread .subject { font-weight: 650; }
.list time { color: var(--muted); font-size: 12px; white-space: nowrap; }
.list .subject { grid-column: 2 / span 2; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.list .type { grid-column: 2 / span 2; color: var(--muted); font-size: 12px; text-transform: capitalize; }
.detail { display: flex; flex-direction: column; min-width: 0; min-height: 0; overflow-y: auto; padding: 18px 22px; gap: 12px; }
.detail > .empty { margin: auto; }
.meta { display: grid; grid-template-columns: 1fr auto; gap: 6px 16px; }
.meta h2 { margin: 0; font-size: 19px; font-weight: 650; overflow-wrap: anywhere; }
.meta .actions { display: flex; gap: 6px; align-items: start; }
.meta dl { grid-column: 1 / -1; display: grid; grid-template-columns: auto 1fr; gap: 2px 12px; margin: 0; }
.meta dt { color: var(--muted); }
.meta dd { margin: 0; overflow-wrap: anywhere; }
.extras { display: flex; flex-direction: column; gap: 8px; padding: 12px 14px; background: var(--panel);
  border: 1px solid var(--line); border-left: 3px solid var(--accent); border-radius: 8px; }
.extra { display: flex; align-items: center; gap: 10px; min-width: 0; }
.extra .label { flex: none; width: 92px; color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .4px; }
.extra.link a { flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; font-family: var(--mono); font-size: 12.5px; }
.tabs { display: flex; gap: 2px; border-bottom: 1px solid var(--line); }
.tabs button { border: 0; border-bottom: 2px solid transparent; border-radius: 0; background: none; color: var(--muted); padding: 6px 12px; }
.tabs button[aria-selected="true"] { color: var(--text); border-bottom-color: var(--accent); font-weight: 600; }
.panel { flex: 1 0 auto; margin: 0; }
iframe.mail { min-height: 360px; width: 100%; border: 1px solid var(--line); border-radius: 8px; background: #fff; }
pre.text { white-space: pre-wrap; overflow-wrap: anywhere; padding: 14px; background: var(--panel); border: 1px solid var(--line);
  border-radius: 8px; font-family: var(--mono); font-size: 12.5px; }
.headers table { width: 100%; border-collapse: collapse; background: var(--panel); font-size: 12.5px; }
.headers th, .headers td { text-align: left; vertical-align: top; padding: 4px 10px; border-bottom: 1px solid var(--line); }
.headers th { white-space: nowrap; color: var(--muted); font-weight: 500; }
.headers td { font-family: var(--mono); overflow-wrap: anywhere; }
`;

/**
 * Tabs of the open message (their state survives refreshes: the detail is only replaced when another
 * message opens), and Mailpit's event stream where the server has one, so a change shows at once
 * rather than at the next 2 s refresh, which stays for hosts without WebSockets (MSW in a page).
 */
const INBOX_SCRIPT = `
(() => {
  const path = document.querySelector('[data-events]')?.dataset.events;
  if (!path) return;
  const socket = new WebSocket(new URL(path, location.href).href.replace(/^http/, 'ws'));
  socket.addEventListener('message', () => refresh());
})();
// the pages' CSP has form-action 'none' (no form may post anywhere), so the search navigates itself
document.addEventListener('submit', (event) => {
  const form = event.target.closest('form[role="search"]');
  if (!form) return;
  event.preventDefault();
  const url = new URL(form.getAttribute('action'), location.href);
  const query = String(new FormData(form).get('q') ?? '').trim();
  if (query) url.searchParams.set('q', query);
  location.href = url.href;
});
document.addEventListener('click', async (event) => {
  // one message: Mailpit's DELETE /api/v1/messages with its ID (without IDs it would delete all)
  const del = event.target.closest('[data-delete-ids]');
  if (!del) return;
  await fetch(del.dataset.url, { method: 'DELETE', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ IDs: [del.dataset.deleteIds] }) });
  location.href = del.dataset.then;
});
document.addEventListener('click', (event) => {
  const tab = event.target.closest('[data-tab]');
  if (!tab) return;
  for (const t of document.querySelectorAll('[data-tab]')) t.setAttribute('aria-selected', String(t === tab));
  for (const p of document.querySelectorAll('[data-panel]')) p.hidden = p.dataset.panel !== tab.dataset.tab;
});
`;
