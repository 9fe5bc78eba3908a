import { describe, expect, it } from 'vitest';
import { externalUrlToOpen, MAX_EXTERNAL_URL_LENGTH } from './external-url.js';

describe('links opened in the OS browser', () => {
  it('opens plain http(s) links', () => {
    expect(externalUrlToOpen('https://supabase.com/docs/guides/auth')).toBe('https://supabase.com/docs/guides/auth');
    expect(externalUrlToOpen('http://127.0.0.1:54321/auth/v1/verify?token=abc&type=signup&redirect_to=authlab://callback')).toBe(
      'http://127.0.0.1:54321/auth/v1/verify?token=abc&type=signup&redirect_to=authlab://callback',
    );
  });

  it.each([
    ['file:', 'file:///etc/passwd'],
    ['javascript:', 'javascript:alert(1)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['the app’s own deep-link scheme', 'authlab://callback?code=abc'],
    ['another app’s scheme', 'ms-msdt:/id PCWDiagnostic'],
    ['smb:', 'smb://attacker.test/share/payload.exe'],
    ['a UNC-like path', '\\\\attacker.test\\share'],
    ['app:', 'app://authlab/_/index.html'],
    ['credentials (phishing shape)', 'https://accounts.google.com@evil.test/'],
    ['a relative URL', '/docs'],
    ['whitespace tricks', ' https://supabase.com'],
    ['a tab inside the scheme', 'java\tscript:alert(1)'],
    ['a newline', 'https://supabase.com/\nx'],
    ['an over-long URL', `https://x.test/${'a'.repeat(MAX_EXTERNAL_URL_LENGTH)}`],
    ['the empty string', ''],
  ])('refuses %s', (_name, url) => {
    expect(externalUrlToOpen(url)).toBeUndefined();
  });

  it('refuses what is not a string', () => {
    for (const value of [undefined, null, 1, { href: 'https://x.test' }, new URL('https://x.test')]) expect(externalUrlToOpen(value)).toBeUndefined();
  });
});
