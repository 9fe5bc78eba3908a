/**
 * The emulator's captured mail (Mailpit's REST API, mounted at /_/inbox) and SMS outbox, read with
 * plain fetch: these calls are the explorer peeking into the "mailbox", not the app talking to
 * GoTrue, so they stay out of the wire log.
 */

/**
 * The wire shapes are the emulator's own (type-only imports: none of the emulator reaches the
 * bundle), so the explorer cannot drift from what /_/inbox sends. Mailpit's are its Go struct
 * fields, PascalCase on the wire; MailAuthDetails is authlab's extra (what GoTrue put in the mail).
 */
import type { Address } from '../../../emulator/src/mail/mime.js';
import type { MailAuthDetails, Message, MessageSummary, MessagesSummary } from '../../../emulator/src/mail/message.js';
import type { OutboxSms } from '../../../emulator/src/sms/outbox-app.js';

export type { Address, MailAuthDetails, Message, MessageSummary, MessagesSummary };
/** One captured SMS of the outbox (/_/inbox/sms/api/v1/sms). */
export type Sms = OutboxSms;

export type CaptureTarget = { kind: 'mail'; address: string } | { kind: 'sms'; phone: string };

export function inboxBase(projectUrl: string): string {
  return `${projectUrl.replace(/\/+$/, '')}/_/inbox`;
}

async function answered(response: Response, url: string): Promise<Response> {
  if (response.ok) return response;
  const text = (await response.text().catch(() => '')).trim();
  throw new Error(`${url} answered ${response.status}${text ? `: ${text}` : ''}`);
}

async function getJson<T>(url: string): Promise<T> {
  return (await (await answered(await fetch(url, { headers: { accept: 'application/json' } }), url)).json()) as T;
}

async function getText(url: string): Promise<string> {
  return (await answered(await fetch(url), url)).text();
}

const messageUrl = (base: string, id: string) => `${base}/api/v1/message/${encodeURIComponent(id)}`;

/** The newest mail, and the counts. */
export const listMail = (base: string, limit = 50) => getJson<MessagesSummary>(`${base}/api/v1/messages?limit=${limit}`);

/** Mailpit's search grammar: plain words, "phrases", to:, from:, subject:, is:unread, a leading - negates. */
export const searchMail = (base: string, query: string, limit = 50) =>
  getJson<MessagesSummary>(`${base}/api/v1/search?query=${encodeURIComponent(query)}&limit=${limit}`);

export const getMail = (base: string, id: string) => getJson<Message>(messageUrl(base, id));

export const getMailAuth = (base: string, id: string) => getJson<MailAuthDetails>(`${messageUrl(base, id)}/auth`);

/** The message as it would travel over SMTP (RFC 822). */
export const getRawMail = (base: string, id: string) => getText(`${messageUrl(base, id)}/raw`);

/** Every header, as Go's net/mail reads them: a name may repeat. */
export const getMailHeaders = (base: string, id: string) => getJson<Record<string, string[]>>(`${messageUrl(base, id)}/headers`);

/** Mailpit's DELETE /api/v1/messages with these IDs (never empty: Mailpit reads no IDs as "all"). */
export async function deleteMail(base: string, ids: [string, ...string[]]): Promise<void> {
  const url = `${base}/api/v1/messages`;
  await answered(await fetch(url, { method: 'DELETE', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ IDs: ids }) }), url);
}

/** Mailpit's DELETE /api/v1/messages without a body: every captured mail. */
export async function deleteAllMail(base: string): Promise<void> {
  const url = `${base}/api/v1/messages`;
  await answered(await fetch(url, { method: 'DELETE' }), url);
}

/** Mailpit's DELETE /api/v1/search: every message the query matches. */
export async function deleteMatches(base: string, query: string): Promise<void> {
  const url = `${base}/api/v1/search?query=${encodeURIComponent(query)}`;
  await answered(await fetch(url, { method: 'DELETE' }), url);
}

export const listSms = (base: string, limit = 50, phone?: string) =>
  getJson<Sms[]>(`${base}/sms/api/v1/sms?limit=${limit}${phone ? `&phone=${encodeURIComponent(phone)}` : ''}`);

/** The newest mail to exactly this address (Mailpit's to: is a substring match). */
async function newestMailTo(base: string, address: string): Promise<string | null> {
  const query = encodeURIComponent(`to:"${address}"`);
  const { messages } = await getJson<MessagesSummary>(`${base}/api/v1/search?query=${query}&limit=20`);
  const wanted = address.trim().toLowerCase();
  return messages.find((m) => m.To.some((to) => to.Address.toLowerCase() === wanted))?.ID ?? null;
}

/** The id of the newest mail or SMS to the target, or null when there is none yet. */
export async function newestCaptureId(base: string, target: CaptureTarget): Promise<string | null> {
  if (target.kind === 'mail') return newestMailTo(base, target.address);
  const [latest] = await listSms(base, 1, target.phone);
  return latest?.id ?? null;
}
