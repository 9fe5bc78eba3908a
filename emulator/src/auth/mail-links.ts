import type { Config } from '../config.js';
import { queryEscape } from '../go/query.js';

/** The mails GoTrue sends (its mail types, as authlab's inbox records them). */
export type MailType = 'confirmation' | 'invite' | 'magic_link' | 'recovery' | 'email_change' | 'reauthentication';

/** The `type` GoTrue puts in each mail's /verify link. */
const VERIFY_TYPE: Partial<Record<MailType, string>> = {
  confirmation: 'signup',
  invite: 'invite',
  recovery: 'recovery',
  magic_link: 'magiclink',
  email_change: 'email_change',
};

const URL_PATH_SETTING: Partial<Record<MailType, Extract<keyof Config, `mailerUrlpaths${string}`>>> = {
  confirmation: 'mailerUrlpathsConfirmation',
  invite: 'mailerUrlpathsInvite',
  recovery: 'mailerUrlpathsRecovery',
  magic_link: 'mailerUrlpathsRecovery',
  email_change: 'mailerUrlpathsEmailChange',
};

/** As GoTrue's encodeRedirectURL: escaped only if it contains &, = or # (else taken as already encoded). */
const encodeRedirect = (url: string) => (/[&=#]/.test(url) ? queryEscape(url) : url);

/** The /verify link of a mail, built as GoTrue's getPath + ResolveReference do. */
export function actionLink(config: Config, type: MailType, tokenHash: string, redirectTo: string): string | undefined {
  const setting = URL_PATH_SETTING[type];
  if (!setting) return undefined;
  const url = new URL(config[setting], config.apiExternalUrl);
  url.search = `token=${queryEscape(tokenHash)}&type=${VERIFY_TYPE[type]}&redirect_to=${encodeRedirect(redirectTo)}`;
  return url.toString();
}
