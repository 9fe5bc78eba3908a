/**
 * The emulator's captured mail (Mailpit's REST API, mounted at /_/inbox) and SMS outbox, read with
 * plain fetch: these calls are the explorer peeking into the "mailbox", not the app talking to
 * GoTrue, so they stay out of the wire log.
 */

export interface MailAddress {
  Name: string;
  Address: string;
}

export interface MailSummary {
  ID: string;
  Read: boolean;
  To: MailAddress[];
  Subject: string;
  Created: string;
  Snippet: string;
}

export interface MailMessage {
  ID: string;
  From: MailAddress;
  To: MailAddress[];
  Subject: string;
  Date: string;
  Text: string;
  HTML: string;
}

/** authlab's extra: what GoTrue put in the mail ('' when the mail has none). */
export interface MailAuth {
  Type: string;
  OTP: string;
  TokenHash: string;
  ActionURL: string;
  RedirectTo: string;
  UserID: string;
}

export interface Sms {
  id: string;
  phone: string;
  body: string;
  type: string;
  otp: string | null;
  createdAt: string;
}

export type CaptureTarget = { kind: 'mail'; address: string } | { kind: 'sms'; phone: string };

export function inboxBase(projectUrl: string): string {
  return `${projectUrl.replace(/\/+$/, '')}/_/inbox`;
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return (await response.json()) as T;
}

export const listMail = (base: string, limit = 50) =>
  getJson<{ messages: MailSummary[] }>(`${base}/api/v1/messages?limit=${limit}`).then((r) => r.messages);

export const getMail = (base: string, id: string) => getJson<MailMessage>(`${base}/api/v1/message/${encodeURIComponent(id)}`);

export const getMailAuth = (base: string, id: string) => getJson<MailAuth>(`${base}/api/v1/message/${encodeURIComponent(id)}/auth`);

export const listSms = (base: string, limit = 50, phone?: string) =>
  getJson<Sms[]>(`${base}/sms/api/v1/sms?limit=${limit}${phone ? `&phone=${encodeURIComponent(phone)}` : ''}`);

/** The newest mail to exactly this address (Mailpit's to: is a substring match). */
async function newestMailTo(base: string, address: string): Promise<string | null> {
  const query = encodeURIComponent(`to:"${address}"`);
  const { messages } = await getJson<{ messages: MailSummary[] }>(`${base}/api/v1/search?query=${query}&limit=20`);
  const wanted = address.trim().toLowerCase();
  return messages.find((m) => m.To.some((to) => to.Address.toLowerCase() === wanted))?.ID ?? null;
}

/** The id of the newest mail or SMS to the target, or null when there is none yet. */
export async function newestCaptureId(base: string, target: CaptureTarget): Promise<string | null> {
  if (target.kind === 'mail') return newestMailTo(base, target.address);
  const [latest] = await listSms(base, 1, target.phone);
  return latest?.id ?? null;
}
