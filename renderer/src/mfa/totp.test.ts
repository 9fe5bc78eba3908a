import { Secret, TOTP } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { totpCode, totpFromKey } from './totp.js';

describe('the built-in authenticator', () => {
  // RFC 6238 appendix B, SHA1 rows: the 20-byte ASCII key "12345678901234567890", 8 digits
  const rfcKey = new TextEncoder().encode('12345678901234567890');
  it.each([
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ])('matches RFC 6238 at T=%i', async (time, code) => {
    expect(await totpFromKey(rfcKey, time, { digits: 8 })).toBe(code);
  });

  it('gives the code an authenticator app gives for a GoTrue-style base32 secret', async () => {
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    const app = new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });
    for (const time of [0, 29, 30, 1_700_000_000, 1_765_000_015]) {
      expect(await totpCode(secret, time)).toBe(app.generate({ timestamp: time * 1000 }));
    }
  });

  it('refuses a secret that is not base32', async () => {
    await expect(totpCode('not base32!', 0)).rejects.toThrow('not a base32 character');
  });
});
