import { Hono } from 'hono';
import { createNonce, html, mountRoot, pageResponse, relativeTime, type Html } from '../http/html.js';
import type { Services } from '../services.js';
import { deleteSms, smsPage, type SmsRow } from '../db/sms-store.js';

/**
 * The fake SMS outbox: the text messages GoTrue would have sent through Twilio and friends,
 * captured instead. authlab's own API (Mailpit has no SMS), in camelCase JSON:
 *
 *   GET    /api/v1/sms?phone=&limit=   OutboxSms[], newest first (all numbers without ?phone=)
 *   GET    /api/v1/sms/latest?phone=   the newest OutboxSms, or 404 "SMS not found"
 *   DELETE /api/v1/sms?phone=          deletes every SMS, or only those to this number -> "ok"
 *   GET    /                           the outbox page
 *
 * ?phone= matches however the number is written: "+15550100", "15550100", "+1 555 0100" (and a
 * "+" left unescaped in a query string, which arrives as a space).
 *
 * OutboxSms:
 *   id         string   unique id of the captured SMS
 *   phone      string   recipient, E.164 digits without "+", as GoTrue stores phones
 *   body       string   the text as sent
 *   channel    string   "sms" or "whatsapp"
 *   type       string   what it was sent for: "sms" (sign-up / sign-in OTP), "phone_change",
 *                       "reauthentication" or "mfa"
 *   otp        string | null   the one-time code in the body, when it has one
 *   userId     string | null   the user it was sent to
 *   createdAt  string   RFC 3339 capture time
 */
export interface OutboxSms {
  id: string;
  phone: string;
  body: string;
  channel: string;
  type: string;
  otp: string | null;
  userId: string | null;
  createdAt: string;
}

export const toOutboxSms = (m: SmsRow): OutboxSms => ({
  id: m.id,
  phone: m.phone,
  body: m.body,
  channel: m.channel,
  type: m.sms_type,
  otp: m.otp,
  userId: m.user_id,
  createdAt: m.created_at.toISOString(),
});

/** How many messages the page lists. */
const PAGE_SIZE = 200;

export function createOutboxApp(services: Pick<Services, 'db' | 'clock' | 'random'>): Hono {
  const { db } = services;
  const app = new Hono();

  app.get('/api/v1/sms', async (c) => {
    const limit = Number(c.req.query('limit'));
    const rows = await smsPage(db, { phone: c.req.query('phone'), limit: Number.isInteger(limit) && limit > 0 ? limit : undefined });
    return c.json(rows.map(toOutboxSms));
  });

  app.get('/api/v1/sms/latest', async (c) => {
    const [latest] = await smsPage(db, { phone: c.req.query('phone'), limit: 1 });
    return latest ? c.json(toOutboxSms(latest)) : c.text('SMS not found', 404);
  });

  app.delete('/api/v1/sms', async (c) => {
    await deleteSms(db, c.req.query('phone'));
    return c.text('ok');
  });

  app.get('/', async (c) => {
    const rows = await smsPage(db, { limit: PAGE_SIZE });
    const nonce = { script: createNonce(services.random.bytes(16)), style: createNonce(services.random.bytes(16)) };
    const body = renderOutboxPage({ root: mountRoot(c.req.path), rows, now: services.clock.now() });
    return pageResponse(c, { title: 'authlab SMS outbox', nonce, body, css: OUTBOX_CSS });
  });

  app.notFound((c) => c.text('404 page not found', 404));
  return app;
}

/** `root` is where the outbox is mounted ('/sms' inside the inbox app), without a trailing slash. */
export function renderOutboxPage(v: { root: string; rows: SmsRow[]; now: Date }): Html {
  // mounted inside the inbox app (as /sms), it links back to the mail
  const inbox = v.root.endsWith('/sms') ? v.root.slice(0, -'/sms'.length) || '/' : undefined;
  return html`
<header class="bar">
  <h1>authlab <span>SMS outbox</span></h1>
  <nav>${inbox !== undefined && html`<a href="${inbox}">Mail</a>`}<a href="${v.root || '/'}" aria-current="page">SMS</a></nav>
  <div class="spacer"></div>
  <span class="stats" id="stats" data-live>${v.rows.length} ${v.rows.length === 1 ? 'message' : 'messages'}</span>
  <button class="danger" data-delete="${v.root}/api/v1/sms" data-confirm="Delete every captured SMS?" data-then="${v.root || '/'}">Delete all</button>
</header>
<main class="outbox" id="outbox" data-live>${
    v.rows.length === 0
      ? html`<div class="empty">No SMS yet.<br>Codes GoTrue texts (phone sign-up, sign-in, phone change, MFA) land here.</div>`
      : html`<table>
    <thead><tr><th>To</th><th>Message</th><th>OTP</th><th>Type</th><th>Sent</th></tr></thead>
    <tbody>${v.rows.map(
      (m) => html`<tr>
      <td class="phone">+${m.phone}</td>
      <td class="body">${m.body}</td>
      <td class="code">${m.otp ? html`<span class="otp">${m.otp}</span><button data-copy="${m.otp}">Copy</button>` : html`<span class="muted">–</span>`}</td>
      <td class="kind">${SMS_TYPES[m.sms_type] ?? m.sms_type}${m.channel === 'whatsapp' ? html` <span class="muted">(WhatsApp)</span>` : ''}</td>
      <td class="when"><time datetime="${m.created_at.toISOString()}" title="${m.created_at.toISOString()}">${relativeTime(m.created_at, v.now)}</time></td>
    </tr>`,
    )}</tbody>
  </table>`
  }</main>`;
}

const SMS_TYPES: Record<string, string> = {
  sms: 'Sign-up / sign-in',
  phone_change: 'Phone change',
  reauthentication: 'Reauthentication',
  mfa: 'MFA',
};

const OUTBOX_CSS = `
main.outbox { flex: 1; overflow-y: auto; padding: 18px 22px; }
main.outbox table { width: 100%; border-collapse: separate; border-spacing: 0; background: var(--panel);
  border: 1px solid var(--line); border-radius: 8px; overflow: hidden; }
main.outbox th { text-align: left; font-size: 12px; font-weight: 600; color: var(--muted); text-transform: uppercase;
  letter-spacing: .4px; padding: 9px 14px; border-bottom: 1px solid var(--line); background: #fafbfc; }
main.outbox td { padding: 11px 14px; border-bottom: 1px solid var(--line); vertical-align: middle; }
main.outbox tr:last-child td { border-bottom: 0; }
main.outbox .phone { font-family: var(--mono); white-space: nowrap; }
main.outbox .body { overflow-wrap: anywhere; }
main.outbox .code { white-space: nowrap; }
main.outbox .code .otp { margin-right: 10px; }
main.outbox .kind { white-space: nowrap; }
main.outbox .when { color: var(--muted); white-space: nowrap; }
`;
