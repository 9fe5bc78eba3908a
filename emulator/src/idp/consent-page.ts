import { createNonce, escapeHtml, html, type Html } from '../http/html.js';
import type { AuthorizationRequest, IdpAccount } from './state.js';

/**
 * The fake provider's consent page: pick an offered account, type one, or cancel. Plain forms and
 * no script, so it works under any CSP a wrapper may set; every value goes through `html`.
 */

const PROVIDER_TITLES: Record<string, string> = {
  github: 'GitHub', gitlab: 'GitLab', google: 'Google', linkedin_oidc: 'LinkedIn', slack_oidc: 'Slack',
  workos: 'WorkOS', x: 'X', vercel_marketplace: 'Vercel Marketplace',
};
export const providerTitle = (p: string) => PROVIDER_TITLES[p] ?? p.charAt(0).toUpperCase() + p.slice(1);

/** The authorization request, carried through each form unchanged. */
function requestFields(r: AuthorizationRequest): Html {
  const fields: [string, string][] = [
    ['response_type', 'code'], ['client_id', r.clientId], ['redirect_uri', r.redirectUri], ['state', r.state],
    ['scope', r.scope], ['nonce', r.nonce], ['code_challenge', r.codeChallenge], ['code_challenge_method', r.codeChallengeMethod],
  ];
  return html`${fields.filter(([, v]) => v !== '').map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`)}`;
}

function accountForm(action: string, r: AuthorizationRequest, a: IdpAccount): Html {
  return html`<form method="post" action="${action}" class="account">
${requestFields(r)}<input type="hidden" name="decision" value="allow">
<input type="hidden" name="sub" value="${a.sub}"><input type="hidden" name="email" value="${a.email}">
<input type="hidden" name="name" value="${a.name}"><input type="hidden" name="picture" value="${a.picture}">
<input type="hidden" name="user_name" value="${a.userName}"><input type="hidden" name="email_verified" value="${a.emailVerified ? 'true' : 'false'}">
<button type="submit" data-email="${a.email}"><strong>${a.name || a.email}</strong><span>${a.email}${a.emailVerified ? '' : ' · unverified'}</span></button>
</form>`;
}

const CSS = `
*{box-sizing:border-box}body{margin:0;font:15px/1.45 system-ui,sans-serif;background:#f4f5f7;color:#1c1e21}
main{max-width:26rem;margin:3rem auto;background:#fff;border:1px solid #dde1e6;border-radius:12px;padding:1.5rem 1.75rem}
h1{font-size:1.2rem;margin:0 0 .25rem}p.sub{margin:0 0 1.25rem;color:#5b6270}code{font-size:.85em}
.account button{display:flex;flex-direction:column;align-items:flex-start;width:100%;margin:0 0 .5rem;padding:.6rem .8rem;
border:1px solid #cfd4da;border-radius:8px;background:#fff;cursor:pointer;font:inherit;text-align:left}
.account button:hover,.account button:focus{border-color:#3b6fd8;outline:none}.account span{color:#5b6270;font-size:.9em}
fieldset{border:1px solid #dde1e6;border-radius:8px;margin:1rem 0;padding:.75rem}legend{color:#5b6270;padding:0 .3rem}
label{display:block;margin:.35rem 0;font-size:.9em}label input[type=text],label input[type=email],label input[type=url]{display:block;width:100%;padding:.4rem;border:1px solid #cfd4da;border-radius:6px;font:inherit}
.actions{display:flex;gap:.5rem;justify-content:flex-end}.primary,.cancel{padding:.45rem .9rem;border-radius:6px;font:inherit;cursor:pointer}
.primary{background:#3b6fd8;color:#fff;border:1px solid #3b6fd8}.cancel{background:#fff;border:1px solid #cfd4da}
footer{margin-top:1rem;color:#8a909c;font-size:.8em}`;

export function consentPage(o: { action: string; request: AuthorizationRequest; accounts: IdpAccount[]; appName: string; styleNonce: string }) {
  const { request: r, action } = o;
  const title = providerTitle(r.provider);
  const body = html`<main>
<h1>Sign in with ${title}</h1>
<p class="sub"><code>${o.appName}</code> wants to know who you are${r.scope ? html` (scopes: <code>${r.scope}</code>)` : ''}.</p>
${o.accounts.map((a) => accountForm(action, r, a))}
<form method="post" action="${action}">
${requestFields(r)}<input type="hidden" name="decision" value="allow">
<fieldset><legend>Another account</legend>
<label>Email <input type="email" name="email" required autocomplete="off"></label>
<label>Name <input type="text" name="name" autocomplete="off"></label>
<label>Avatar URL <input type="url" name="picture" autocomplete="off"></label>
<label>${title} user id <input type="text" name="sub" placeholder="derived from the email" autocomplete="off"></label>
<label><input type="checkbox" name="email_verified" value="true" checked> Email verified by ${title}</label>
<div class="actions"><button class="primary" type="submit">Continue</button></div>
</fieldset>
</form>
<form method="post" action="${action}">
${requestFields(r)}<input type="hidden" name="decision" value="deny">
<div class="actions"><button class="cancel" type="submit">Cancel</button></div>
</form>
<footer>authlab's stand-in for ${title}: nothing leaves this machine.</footer>
</main>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer"><link rel="icon" href="data:,">
<title>${escapeHtml(`Sign in with ${title}`)}</title><style nonce="${escapeHtml(o.styleNonce)}">${CSS}</style></head>
<body>${body.value}</body></html>`;
}

/**
 * No script at all, styles only with the nonce. No form-action: after the form, the provider
 * redirects to the app (another origin or a custom scheme), which form-action would block.
 */
export function consentHeaders(styleNonce: string): Record<string, string> {
  return {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': [
      "default-src 'none'", "script-src 'none'", `style-src 'nonce-${styleNonce}'`, 'img-src data: http: https:',
      "base-uri 'none'", "frame-ancestors 'none'",
    ].join('; '),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
  };
}

export const newStyleNonce = (bytes: Uint8Array) => createNonce(bytes);

/** A plain error page for requests that cannot be redirected back (unknown client, bad redirect_uri). */
export function errorPage(message: string, styleNonce: string) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign-in error</title>
<style nonce="${escapeHtml(styleNonce)}">${CSS}</style></head><body><main><h1>Sign-in error</h1><p>${escapeHtml(message)}</p></main></body></html>`;
}
