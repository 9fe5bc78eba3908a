import { afterAll, beforeEach } from 'vitest';
import { listen, type Listening } from '../../src/adapters/node-server.js';
import { createRandom } from '../../src/clock.js';
import { createEmulator, type Emulator } from '../../src/index.js';
import { createInboxApp } from '../../src/mail/inbox-app.js';
import { insertMail, type NewMail } from '../../src/mail/store.js';
import { insertSms, type SmsRow } from '../../src/db/sms-store.js';

export interface InboxServer {
  emulator: Emulator;
  server: Listening;
  /** Base URL of the inbox app, e.g. http://127.0.0.1:41234 */
  url: string;
  /** Captures a mail as the mailer would, with defaults for whatever the test does not care about. */
  mail(m?: Partial<NewMail> & { to?: string }): Promise<NewMail>;
  sms(m?: Partial<SmsRow>): Promise<SmsRow>;
}

/** Serves any fetch handler (a Hono app's `fetch`) on a random loopback port. */
export const serve = (fetch: (request: Request) => Response | Promise<Response>) =>
  listen(async (request) => fetch(request), { port: 0, host: '127.0.0.1' });

/**
 * An emulator's inbox app on its own random port, emptied before each test. Messages are seeded
 * through the storage layer; `at` moves forward a second per message so the order is certain.
 */
export function useInbox(): InboxServer {
  const ctx = {} as InboxServer;
  let seq = 0;
  const at = () => new Date(Date.UTC(2026, 0, 15, 9, 0, seq++));
  const ready = (async () => {
    const emulator = await createEmulator({ config: { bcryptCost: 4 } });
    const app = createInboxApp({ db: emulator.db, clock: emulator.clock, random: createRandom() });
    const server = await serve(app.fetch);
    Object.assign(ctx, {
      emulator,
      server,
      url: server.url,
      async mail({ to = 'ada@example.com', ...m }: Partial<NewMail> & { to?: string } = {}) {
        const n = seq;
        const row: NewMail = {
          id: `msg${n}`,
          message_id: `m${n}@authlab.local`,
          from_name: 'Supabase Auth',
          from_address: 'admin@email.com',
          to_addresses: [{ Name: '', Address: to }],
          subject: 'Confirm Your Signup',
          text_body: 'Follow this link to confirm your email:\n\nConfirm your email address ( http://127.0.0.1:54321/auth/v1/verify?token=abc&type=signup )',
          html_body:
            '<h2>Confirm Your Email</h2>\n<p>Follow this link to confirm your email:</p>\n' +
            '<p><a href="http://127.0.0.1:54321/auth/v1/verify?token=abc&amp;type=signup">Confirm your email address</a></p>',
          headers: {},
          created_at: at(),
          mail_type: 'confirmation',
          user_id: null,
          otp: '123456',
          token_hash: 'abc',
          action_url: 'http://127.0.0.1:54321/auth/v1/verify?token=abc&type=signup',
          redirect_to: 'http://localhost:3000',
          ...m,
        };
        await insertMail(emulator.db, row);
        return row;
      },
      async sms(m: Partial<SmsRow> = {}) {
        const n = seq;
        const row: SmsRow = {
          id: `sms${n}`,
          phone: '15550100',
          body: 'Your code is 654321',
          channel: 'sms',
          sms_type: 'sms',
          user_id: null,
          otp: '654321',
          created_at: at(),
          ...m,
        };
        await insertSms(emulator.db, row);
        return row;
      },
    });
  })();
  beforeEach(async () => {
    await ready;
    seq = 0;
    await ctx.emulator.reset();
  });
  afterAll(async () => {
    await ready;
    await ctx.server.close();
    await ctx.emulator.close();
  });
  return ctx;
}
