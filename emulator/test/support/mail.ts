import type { TestServer } from './emulator.js';

/** Mailpit's message JSON, the fields these tests read. */
export interface MailpitMessage {
  ID: string;
  Subject: string;
  To: { Name: string; Address: string }[];
  HTML: string;
  Text: string;
}

/** The newest mail to an address, read through the Mailpit-compatible inbox API, as a test helper would. */
export async function latestMail(t: TestServer, to: string): Promise<MailpitMessage> {
  const list = await fetch(`${t.url}/_/inbox/api/v1/search?query=${encodeURIComponent(`to:${to}`)}&limit=1`);
  if (!list.ok) throw new Error(`inbox search answered ${list.status}`);
  const { messages } = (await list.json()) as { messages: { ID: string }[] };
  if (!messages[0]) throw new Error(`no mail to ${to}`);
  const res = await fetch(`${t.url}/_/inbox/api/v1/message/${messages[0].ID}`);
  return (await res.json()) as MailpitMessage;
}

/** How many mails an address has received. */
export async function mailCount(t: TestServer, to: string): Promise<number> {
  const list = await fetch(`${t.url}/_/inbox/api/v1/search?query=${encodeURIComponent(`to:${to}`)}`);
  return ((await list.json()) as { messages_count: number }).messages_count;
}

/** The first link of a mail's HTML, unescaped. */
export function linkIn(mail: MailpitMessage): string {
  const m = /href="([^"]+)"/.exec(mail.HTML);
  if (!m) throw new Error(`no link in mail "${mail.Subject}"`);
  return m[1]!.replaceAll('&amp;', '&');
}

/** The code a person would type, from GoTrue's "enter the code: 123456". */
export function codeIn(mail: MailpitMessage): string {
  const m = /code: (\d{6,10})/.exec(mail.Text);
  if (!m) throw new Error(`no code in mail "${mail.Subject}"`);
  return m[1]!;
}

/** Follows a /verify link like a browser would, without following GoTrue's 303 further. */
export async function follow(link: string): Promise<URL> {
  const res = await fetch(link, { redirect: 'manual' });
  if (res.status !== 303) throw new Error(`expected 303 from ${link}, got ${res.status}: ${await res.text()}`);
  return new URL(res.headers.get('location')!);
}

/** The key/values of a URL fragment, as supabase-js reads them. */
export const fragment = (url: URL) => Object.fromEntries(new URLSearchParams(url.hash.slice(1)));

/** The newest SMS to a phone, read through the outbox API. */
export async function latestSms(t: TestServer, phone: string): Promise<{ body: string; otp: string | null; phone: string }> {
  const res = await fetch(`${t.url}/_/inbox/sms/api/v1/sms/latest?phone=${encodeURIComponent(phone)}`);
  if (!res.ok) throw new Error(`no SMS to ${phone} (${res.status})`);
  return res.json() as Promise<{ body: string; otp: string | null; phone: string }>;
}
