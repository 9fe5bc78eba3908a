import { chooseRedirect } from '../auth/redirect.js';
import type { Ctx } from './env.js';

/** The validated redirect_to of a request (GoTrue's GetReferrer): header, query, Referer, SITE_URL. */
export function redirectTo(c: Ctx): string {
  return chooseRedirect(c.var.services.config, {
    header: c.req.header('redirect_to'),
    query: c.req.query('redirect_to'),
    referer: c.req.header('referer'),
  });
}
