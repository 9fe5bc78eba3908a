import type { Config } from '../config.js';
import { htmlToPlainText } from './mime.js';
import type { MailType } from './store.js';

/**
 * GoTrue v2.189.0's default mails (internal/mailer/templatemailer), the release `supabase start`
 * runs. Custom templates use the same Go template variables: {{ .ConfirmationURL }}, {{ .Token }},
 * {{ .TokenHash }}, {{ .SiteURL }}, {{ .RedirectTo }}, {{ .Email }}, {{ .NewEmail }}, {{ .Data.key }}.
 */
const DEFAULT_BODIES: Record<MailType, string> = {
  invite: `<h2>You have been invited</h2>

<p>You have been invited to create a user on {{ .SiteURL }}. Follow this link to accept the invite:</p>
<p><a href="{{ .ConfirmationURL }}">Accept the invite</a></p>
<p>Alternatively, enter the code: {{ .Token }}</p>`,
  confirmation: `<h2>Confirm Your Email</h2>

<p>Follow this link to confirm your email:</p>
<p><a href="{{ .ConfirmationURL }}">Confirm your email address</a></p>
<p>Alternatively, enter the code: {{ .Token }}</p>
`,
  recovery: `<h2>Reset password</h2>

<p>Follow this link to reset the password for your user:</p>
<p><a href="{{ .ConfirmationURL }}">Reset password</a></p>
<p>Alternatively, enter the code: {{ .Token }}</p>`,
  magic_link: `<h2>Magic Link</h2>

<p>Follow this link to login:</p>
<p><a href="{{ .ConfirmationURL }}">Log In</a></p>
<p>Alternatively, enter the code: {{ .Token }}</p>`,
  email_change: `<h2>Confirm email address change</h2>

<p>Follow this link to confirm the update of your email address from {{ .Email }} to {{ .NewEmail }}:</p>
<p><a href="{{ .ConfirmationURL }}">Change email address</a></p>
<p>Alternatively, enter the code: {{ .Token }}</p>`,
  reauthentication: `<h2>Confirm reauthentication</h2>

<p>Enter the code: {{ .Token }}</p>`,
};

const SETTING_SUFFIX = {
  confirmation: 'Confirmation',
  invite: 'Invite',
  recovery: 'Recovery',
  magic_link: 'MagicLink',
  email_change: 'EmailChange',
  reauthentication: 'Reauthentication',
} as const satisfies Record<MailType, string>;

export function subjectTemplate(config: Config, type: MailType): string {
  return config[`mailerSubjects${SETTING_SUFFIX[type]}`];
}

/** Where a custom body lives (file path or URL), or '' for GoTrue's default. */
export function customTemplateSource(config: Config, type: MailType): string {
  return config[`mailerTemplates${SETTING_SUFFIX[type]}`];
}

export const defaultBody = (type: MailType) => DEFAULT_BODIES[type];

export const htmlToText = (html: string): string =>
  htmlToPlainText(html.replace(/<a\s[^>]*href="([^"]*)"[^>]*>(.*?)<\/a>/gis, (_m, href: string, label: string) => `${label} ( ${href} )`));
