import type { Context } from 'hono';
/**
 * Server-rendered HTML for authlab's own pages (the inbox, the SMS outbox): an escaping template
 * tag and one page shell with a per-response CSP nonce. Everything interpolated is escaped unless
 * it is already `Html`, so captured mail can never inject markup into the page around it.
 */

/** Markup that is safe to insert as is: built by `html` or, for trusted constants, `trustedHtml`. */
export class Html {
  constructor(readonly value: string) {}
  toString() {
    return this.value;
  }
}

type Interpolation = Html | string | number | boolean | null | undefined | readonly Interpolation[];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for an HTML text node or a quoted attribute value. */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);

/** Marks a constant of our own as markup. Never pass captured content through this. */
export const trustedHtml = (markup: string) => new Html(markup);

function render(value: Interpolation): string {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

/** Template tag: `html\`<p>${text}</p>\`` escapes `text`; nested `html` results and arrays pass through. */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): Html {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1]!;
  });
  return new Html(out);
}

/** A fresh nonce per response: base64 of 16 random bytes. */
export const createNonce = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));

/**
 * The pages' CSP: nothing but our own nonce'd script and style, fetches to ourselves. A mail shown
 * in an `<iframe srcdoc>` inherits this policy, so mail styles need two allowances: style
 * attributes (inline styles are how mail HTML is written) and the style nonce, which the page adds
 * to the mail's own <style> elements. Scripts in a mail stay blocked twice over: no script nonce,
 * and the iframe's sandbox has no allow-scripts.
 */
export function pageCsp(nonce: { script: string; style: string }) {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce.script}'`,
    `style-src 'nonce-${nonce.style}'`,
    "style-src-attr 'unsafe-inline'",
    // mail may show images from the app under test (any host and port) or inline data: images
    "img-src 'self' data: http: https:",
    "connect-src 'self'",
    "frame-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'self'",
  ].join('; ');
}

export interface PageParts {
  title: string;
  nonce: { script: string; style: string };
  body: Html;
  /** Page-specific CSS, appended to the shared stylesheet. */
  css?: string;
  /** Page-specific script, appended to the shared one. */
  script?: string;
}

export function renderPage(p: PageParts): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>${p.title}</title>
<style nonce="${p.nonce.style}">${trustedHtml(SHARED_CSS + (p.css ?? ''))}</style>
</head>
<body>
${p.body}
<script nonce="${p.nonce.script}">${trustedHtml(SHARED_SCRIPT + (p.script ?? ''))}</script>
</body>
</html>`.value;
}

/**
 * A page, or only its body when the page's own refresh asks (header `x-authlab-live`): parsing a
 * whole page again would bring a <style> with a new nonce along, which the browser reports as a
 * CSP violation even in an inert document.
 */
export function pageResponse(c: Context, p: PageParts): Response {
  const markup = c.req.header('x-authlab-live') ? p.body.value : renderPage(p);
  return c.body(markup, 200, pageHeaders(p.nonce));
}

/** Headers for every page: the CSP, and no caching or sniffing of captured content. */
export function pageHeaders(nonce: { script: string; style: string }): Record<string, string> {
  return {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': pageCsp(nonce),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };
}

/**
 * The app's mount point, from the path of its root page: '' when mounted at /, else e.g.
 * '/_inbox'. Links never end in a slash, because a strict Hono parent routes '/_inbox' but not
 * '/_inbox/'.
 */
export const mountRoot = (path: string) => path.replace(/\/+$/, '');

/** "12 s ago", "3 min ago", or the date: how old a captured message is, for the lists. */
export function relativeTime(then: Date, now: Date): string {
  const seconds = Math.max(0, Math.round((now.getTime() - then.getTime()) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 60 * 60) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 24 * 60 * 60) return `${Math.floor(seconds / (60 * 60))} h ago`;
  return then.toISOString().slice(0, 16).replace('T', ' ');
}

// --accent and --muted are dark enough for AA contrast (4.5:1) as text on white and on --accent-soft (the open mail, the current tab)
const SHARED_CSS = `
:root { color-scheme: light; --bg: #f6f7f9; --panel: #fff; --line: #e3e6ea; --text: #1c2024; --muted: #5c6369;
  --accent: #17723a; --accent-soft: #e8f5ec; --danger: #c4321c; --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
* { box-sizing: border-box; }
html, body { height: 100%; }
body { margin: 0; display: flex; flex-direction: column; background: var(--bg); color: var(--text);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
header.bar { display: flex; align-items: center; gap: 16px; padding: 10px 18px; background: var(--panel);
  border-bottom: 1px solid var(--line); }
header.bar h1 { margin: 0; font-size: 16px; font-weight: 650; }
header.bar h1 span { color: var(--accent); }
header.bar nav { display: flex; gap: 4px; }
header.bar nav a { padding: 4px 10px; border-radius: 6px; color: var(--muted); text-decoration: none; }
header.bar nav a[aria-current] { background: var(--accent-soft); color: var(--accent); font-weight: 600; }
header.bar .spacer { flex: 1; }
header.bar .stats { color: var(--muted); }
button, .button { font: inherit; font-size: 13px; padding: 5px 11px; border: 1px solid var(--line); border-radius: 6px;
  background: var(--panel); color: var(--text); cursor: pointer; text-decoration: none; white-space: nowrap; }
button:hover, .button:hover { border-color: #c5cad0; background: #fafbfc; }
button.danger { color: var(--danger); }
button.copied { color: var(--accent); border-color: var(--accent); }
.empty { padding: 48px 24px; text-align: center; color: var(--muted); }
.muted { color: var(--muted); }
code, .mono { font-family: var(--mono); font-size: 12.5px; }
.otp { font-family: var(--mono); font-size: 18px; font-weight: 650; letter-spacing: 2px; }
`;

/**
 * Shared behaviour: copy buttons (`data-copy`), delete buttons (`data-delete` = URL to DELETE), and
 * a 2 s refresh that fetches this page again and refills every `[data-live]` region whose
 * `data-key` changed (or whose content did, when it has none): an open message's iframe does not
 * reload and a scrolled list keeps its place. No inline handlers: the CSP forbids them.
 */
const SHARED_SCRIPT = `
document.addEventListener('click', async (event) => {
  const copy = event.target.closest('[data-copy]');
  if (copy) {
    try { await navigator.clipboard.writeText(copy.dataset.copy); } catch { return; }
    copy.classList.add('copied');
    const label = copy.textContent;
    copy.textContent = 'Copied';
    setTimeout(() => { copy.textContent = label; copy.classList.remove('copied'); }, 1200);
    return;
  }
  const del = event.target.closest('[data-delete]');
  if (del) {
    if (del.dataset.confirm && !confirm(del.dataset.confirm)) return;
    await fetch(del.dataset.delete, { method: 'DELETE' });
    location.href = del.dataset.then || location.href;
  }
});
async function refresh() {
  try {
    const res = await fetch(location.href, { headers: { 'x-authlab-live': '1' }, cache: 'no-store' });
    if (!res.ok) return;
    const next = new DOMParser().parseFromString(await res.text(), 'text/html');
    for (const region of document.querySelectorAll('[data-live]')) {
      const fresh = next.getElementById(region.id);
      if (!fresh) continue;
      const changed = region.dataset.key !== undefined
        ? region.dataset.key !== fresh.dataset.key
        : region.innerHTML !== fresh.innerHTML;
      if (!changed) continue;
      // a snapshot first: adopting a node takes it out of the live childNodes list
      region.replaceChildren(...Array.from(fresh.childNodes).map((node) => document.adoptNode(node)));
      if (fresh.dataset.key !== undefined) region.dataset.key = fresh.dataset.key;
    }
  } catch {}
}
setInterval(refresh, 2000);
`;
