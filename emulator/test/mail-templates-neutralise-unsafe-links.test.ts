import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { uniqueEmail, useEmulator } from './support/emulator.js';
import { latestMail } from './support/mail.js';

const template = join(mkdtempSync(join(tmpdir(), 'authlab-template-')), 'confirmation.html');
writeFileSync(
  template,
  '<p><a href="{{ .Data.website }}">website</a> <a HREF=\'{{ .Data.blog }}\'>blog</a> <img src="{{ .Data.avatar }}"></p>\n' +
    '<p><a href="{{ .ConfirmationURL }}">Confirm</a> {{ .Data.website }}</p>',
);

describe('a custom mail template', () => {
  const t = useEmulator({ config: { mailerAutoconfirm: false, mailerTemplatesConfirmation: template } });

  it('turns a javascript: (or data:, or spaced) link from user data into #ZgotmplZ, as Go’s html/template', async () => {
    const email = uniqueEmail();
    const { error } = await t.client().auth.signUp({
      email,
      password: 'secret-123',
      options: { data: { website: 'javascript:alert(document.domain)', blog: ' JavaScript:alert(1)', avatar: 'data:image/svg+xml,<svg onload=alert(1)>' } },
    });
    expect(error).toBeNull();
    const mail = await latestMail(t, email);
    expect(mail.HTML).toContain('<a href="#ZgotmplZ">website</a>');
    expect(mail.HTML).toContain("<a HREF='#ZgotmplZ'>blog</a>");
    expect(mail.HTML).toContain('<img src="#ZgotmplZ">');
    expect(mail.HTML).not.toMatch(/href="\s*javascript:/i);
    // the same value as text is only escaped, and the confirmation link (http) is untouched
    expect(mail.HTML).toContain('</a> javascript:alert(document.domain)</p>');
    expect(mail.HTML).toMatch(/<a href="http:\/\/127\.0\.0\.1:\d+\/auth\/v1\/verify\?token=/);
  });

  it('keeps http, https, mailto and relative links from user data', async () => {
    const email = uniqueEmail();
    await t.client().auth.signUp({
      email,
      password: 'secret-123',
      options: { data: { website: 'https://ada.example/?a=1', blog: 'mailto:ada@example.com', avatar: '/avatars/ada.png' } },
    });
    const mail = await latestMail(t, email);
    expect(mail.HTML).toContain('<a href="https://ada.example/?a=1">website</a>');
    expect(mail.HTML).toContain("<a HREF='mailto:ada@example.com'>blog</a>");
    expect(mail.HTML).toContain('<img src="/avatars/ada.png">');
  });
});
