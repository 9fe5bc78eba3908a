import type { Storage } from '../db/storage.js';
import { listSms } from '../db/sms-store.js';
import { latestMailTo, type MailRow, type MailType } from './store.js';

/**
 * What a mail is for, named as the `type` of its /verify link (and of supabase-js's verifyOtp):
 * a sign-up confirmation is `signup`, a magic link `magiclink`. A reauthentication mail carries only
 * a code.
 */
export type MailKind = 'signup' | 'invite' | 'magiclink' | 'recovery' | 'email_change' | 'reauthentication';

const KIND: Record<MailType, MailKind> = {
  confirmation: 'signup',
  invite: 'invite',
  magic_link: 'magiclink',
  recovery: 'recovery',
  email_change: 'email_change',
  reauthentication: 'reauthentication',
};

export interface CapturedMail {
  subject: string;
  to: string;
  html: string;
  text: string;
  /** The code a person would type ({{ .Token }}), if the mail has one. */
  otp: string | null;
  /** The /verify link ({{ .ConfirmationURL }}), if the mail has one. */
  link: string | null;
  /** What the mail is for; the same word as `type=` in its link. */
  type: MailKind;
}

export const toCapturedMail = (m: MailRow, to: string): CapturedMail => ({
  subject: m.subject, to, html: m.html_body, text: m.text_body, otp: m.otp, link: m.action_url, type: KIND[m.mail_type],
});

/** Where a mail link led: GoTrue's 303 from /verify, taken apart. */
export interface FollowedLink {
  /** The redirect as GoTrue sends it: redirect_to (or the site URL) with the outcome in it. */
  redirectTo: string;
  /** Implicit flow: the session GoTrue put in the fragment, for `supabase.auth.setSession(session)`. */
  session?: { access_token: string; refresh_token: string; expires_in: number; expires_at: number; token_type: string; type: string };
  /** PKCE flow: the code for `supabase.auth.exchangeCodeForSession(code)`. */
  code?: string;
  /** The first step of a double-confirmed email change: GoTrue's note that one more link is needed. */
  message?: string;
  /** A refused link (expired, used, bad): GoTrue's error, error_code and error_description. */
  error?: { error: string; code: string; description: string };
}

export interface Inbox {
  /** The newest captured mail to an address, with its code and link already picked out. */
  latest(to: string): Promise<CapturedMail | undefined>;
  /**
   * Opens a mail link inside this emulator (no browser, no network) and gives back where it led.
   * For a page whose emulator answers through MSW, where following the link in the address bar
   * would leave the page: hand `session` to setSession or `code` to exchangeCodeForSession.
   */
  follow(link: string | CapturedMail): Promise<FollowedLink>;
}

export interface Outbox {
  /** The newest captured SMS to a phone ("+1555..." or digits). */
  latest(phone: string): Promise<{ body: string; otp: string | null } | undefined>;
}

export function createInbox(db: Storage, fetch: (request: Request) => Promise<Response>): Inbox {
  return {
    async latest(to) {
      const m = await latestMailTo(db, to);
      return m && toCapturedMail(m, to);
    },
    async follow(link) {
      const url = typeof link === 'string' ? link : link.link;
      if (!url) throw new Error(`authlab: the mail "${(link as CapturedMail).subject}" has no link to follow`);
      const res = await fetch(new Request(url, { redirect: 'manual' }));
      const location = res.headers.get('location');
      if (!location) throw new Error(`authlab: ${url} answered ${res.status} without a redirect: ${await res.text()}`);
      return takeApart(new URL(location, url));
    },
  };
}

export function createOutbox(db: Storage): Outbox {
  return {
    async latest(phone) {
      const [m] = await listSms(db, phone, 1);
      return m && { body: m.body, otp: m.otp };
    },
  };
}

/** As GoTrue: the session (or an error) in the fragment, a PKCE code (or an error) in the query. */
function takeApart(target: URL): FollowedLink {
  const fragment = new URLSearchParams(target.hash.slice(1));
  const pick = (name: string) => fragment.get(name) ?? target.searchParams.get(name) ?? undefined;
  const out: FollowedLink = { redirectTo: target.href };
  const error = pick('error');
  if (error) out.error = { error, code: pick('error_code') ?? '', description: pick('error_description') ?? '' };
  const code = target.searchParams.get('code');
  if (code) out.code = code;
  const message = pick('message');
  if (message) out.message = message;
  const access = fragment.get('access_token');
  if (access) {
    out.session = {
      access_token: access,
      refresh_token: fragment.get('refresh_token') ?? '',
      expires_in: Number(fragment.get('expires_in')),
      expires_at: Number(fragment.get('expires_at')),
      token_type: fragment.get('token_type') ?? 'bearer',
      type: fragment.get('type') ?? '',
    };
  }
  return out;
}
