import type { RateLimits } from '../auth/rate-limits.js';
import type { Clock, Random } from '../clock.js';
import type { Config } from '../config.js';
import type { Sql } from '../db/storage.js';
import { tooManyRequests } from '../errors.js';
import { actionLink, type MailType } from '../auth/mail-links.js';
import { insertMail } from './store.js';
import { renderTemplate } from '../go/template.js';
import { customTemplateSource, defaultBody, htmlToText, subjectTemplate } from './templates.js';

export interface AuthMail {
  type: MailType;
  to: string;
  userId: string;
  otp: string;
  tokenHash: string;
  redirectTo: string;
  /** Template data beyond the link and codes: Email, NewEmail, SendingTo, Data. */
  data: Record<string, unknown>;
}

export interface Mailer {
  /** Renders one of GoTrue's mails and captures it in the inbox instead of sending it. */
  send(tx: Sql, mail: AuthMail): Promise<void>;
}

/** What the mailer needs: the settings (read at send time, so answerAt's changes apply), the hourly quota, time and ids. */
export interface MailerDeps {
  config: Config;
  limits: RateLimits;
  clock: Clock;
  random: Random;
}

export function createMailer(s: MailerDeps): Mailer {
  const customBodies = new Map<string, Promise<string>>();

  async function bodyTemplate(config: Config, type: MailType): Promise<string> {
    const source = customTemplateSource(config, type);
    if (!source) return defaultBody(type);
    let body = customBodies.get(source);
    if (!body) {
      body = loadTemplate(source);
      customBodies.set(source, body);
      body.catch(() => customBodies.delete(source));
    }
    return body;
  }

  return {
    async send(tx, mail) {
      // as GoTrue: the instance-wide hourly quota, skipped when nothing needs confirming
      if (!s.config.mailerAutoconfirm && !s.limits.take('email-sent', s.config.rateLimitEmailSent, 60 * 60)) {
        throw tooManyRequests('over_email_send_rate_limit', 'email rate limit exceeded');
      }
      const now = s.clock.now();
      const link = actionLink(s.config, mail.type, mail.tokenHash, mail.redirectTo);
      const data = {
        SiteURL: s.config.siteUrl,
        ConfirmationURL: link ?? '',
        Token: mail.otp,
        TokenHash: mail.tokenHash,
        RedirectTo: mail.redirectTo,
        ...mail.data,
      };
      const html = renderTemplate(await bodyTemplate(s.config, mail.type), data);
      const subject = renderTemplate(subjectTemplate(s.config, mail.type), data, false);
      const id = mailpitId(s.random);
      const messageId = `${s.random.uuid()}@authlab.local`;
      const from = { name: s.config.smtpSenderName, address: s.config.smtpAdminEmail };
      await insertMail(tx, {
        id,
        message_id: messageId,
        from_name: from.name,
        from_address: from.address,
        to_addresses: [{ Name: '', Address: mail.to }],
        subject,
        text_body: htmlToText(html),
        html_body: html,
        headers: {
          'Message-Id': [`<${messageId}>`],
          From: [from.name ? `"${from.name}" <${from.address}>` : from.address],
          To: [mail.to],
          Subject: [subject],
          Date: [now.toUTCString()],
          'Mime-Version': ['1.0'],
          'Content-Type': ['text/html; charset=UTF-8'],
        },
        created_at: now,
        mail_type: mail.type,
        user_id: mail.userId,
        otp: mail.otp || null,
        token_hash: mail.tokenHash || null,
        action_url: link ?? null,
        redirect_to: mail.redirectTo || null,
      });
    },
  };
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Mailpit's message IDs are 22 base62 characters. */
function mailpitId(random: Random): string {
  let id = '';
  for (const b of random.bytes(22)) id += BASE62[b % 62];
  return id;
}

async function loadTemplate(source: string): Promise<string> {
  if (/^https?:\/\//.test(source)) {
    const res = await fetch(source);
    if (!res.ok) throw new Error(`authlab: mail template ${source} answered ${res.status}`);
    return res.text();
  }
  const fsModule = 'node:fs/promises'; // computed: browsers have no file system to read templates from
  const { readFile } = (await import(/* @vite-ignore */ fsModule)) as typeof import('node:fs/promises');
  return readFile(source, 'utf8');
}
