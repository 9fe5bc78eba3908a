/// <reference types="vite/client" />
// The whole emulator inside this page, behind MSW's service worker: supabase-js talks to the usual
// local URL and never reaches a network server.
// Only the small browser entry is imported up front: the emulator starts downloading PGlite at once,
// and supabase-js and MSW (the page's own code) load while it boots.
import pgliteDataUrl from '@electric-sql/pglite/pglite.data?url';
import pgliteWasmUrl from '@electric-sql/pglite/pglite.wasm?url';
import { createBrowserEmulator } from '../../emulator/src/browser.js';

// ?supabase= stands for the URL an app is built with; mail links follow it
const SUPABASE_URL = new URLSearchParams(location.search).get('supabase') ?? 'http://127.0.0.1:54321';
const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector)!;
const field = (name: string) => $<HTMLInputElement>(`[name="${name}"]`).value;
const show = (label: string, value: unknown) => {
  $('#result').textContent = `${label}\n${JSON.stringify(value, null, 2)}`;
};

const persistAs = new URLSearchParams(location.search).get('persist');
// the service worker registers while the database boots; requests wait for the emulator
const bootStarted = performance.now();
const booting = createBrowserEmulator({
  templateUrl: new URL('./authlab-template.tar.gz', location.href).href,
  pgliteAssets: { wasmUrl: pgliteWasmUrl, dataUrl: pgliteDataUrl },
  config: { mailerAutoconfirm: false, bcryptCost: 4 },
  // ?persist=<name> keeps the users in IndexedDB across reloads; in memory otherwise
  ...(persistAs ? { dataDir: `idb://${persistAs}` } : {}),
});
const [{ createClient }, { setupWorker }, { authlabHandlers }] = await Promise.all([
  import('@supabase/supabase-js'),
  import('msw/browser'),
  import('../../emulator/src/adapters/msw.js'),
]);
booting.catch((e: Error) => {
  $('#status').textContent = `the emulator could not start: ${e.message}`;
});
const [emulator] = await Promise.all([
  booting,
  setupWorker(...authlabHandlers(booting, { url: SUPABASE_URL })).start({
    serviceWorker: { url: new URL('./mockServiceWorker.js', location.href).pathname },
    onUnhandledRequest: 'bypass',
    quiet: true,
  }),
]);
// both from navigation start (the page's own scripts counted too) and from createBrowserEmulator()
const bootMs = Math.round(performance.now());
document.body.dataset.emulatorBootMs = String(Math.round(performance.now() - bootStarted));
$('#status').textContent = `emulator ready in ${bootMs} ms`;
document.body.dataset.bootMs = String(bootMs);

const supabase = createClient(SUPABASE_URL, emulator.keys.anon, { auth: { persistSession: false } });

$('#sign-up').onclick = async () => {
  const { data, error } = await supabase.auth.signUp({ email: field('email'), password: field('password') });
  show('sign up', error ? { error: error.code } : { user: data.user?.email, session: data.session !== null });
};
$('#read-mail').onclick = async () => {
  // the captured mail, read through the Mailpit-compatible API like any test helper would
  const mail = await (await fetch(`${SUPABASE_URL}/_/inbox/api/v1/message/latest`)).json();
  show('mail', { subject: mail.Subject, to: mail.To[0].Address, code: /code: (\d+)/.exec(mail.Text)?.[1] });
};
$('#confirm').onclick = async () => {
  const { data, error } = await supabase.auth.verifyOtp({ email: field('email'), token: field('code'), type: 'signup' });
  show('confirm', error ? { error: error.code } : { confirmed: !!data.user?.email_confirmed_at });
};
$('#follow-link').onclick = async () => {
  // a mail link cannot be opened in the address bar (MSW lets navigations through): the page follows
  // it inside its emulator and hands the session to supabase-js, as the redirect would have
  const mail = await emulator.inbox.latest(field('email'));
  if (!mail?.link) return show('follow', { error: 'no mail with a link' });
  const followed = await emulator.inbox.follow(mail);
  if (!followed.session) return show('follow', { error: followed.error });
  const { data, error } = await supabase.auth.setSession(followed.session);
  show('follow', error ? { error: error.code } : { type: mail.type, link: mail.link, signedInAs: data.user?.email });
};
$('#sign-in').onclick = async () => {
  const { data, error } = await supabase.auth.signInWithPassword({ email: field('email'), password: field('password') });
  show('sign in', error ? { error: error.code } : { signedInAs: data.user?.email });
};
