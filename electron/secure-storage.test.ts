import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSecureStorage, ENCRYPTION_UNAVAILABLE_MESSAGE, MAX_VALUE_LENGTH, type Cipher } from './secure-storage.js';

/** Reversible and visibly not plain text, so a test can tell whether the cipher was used. */
function fakeCipher(available = true): Cipher & { available: boolean } {
  return {
    available,
    isAvailable() {
      return this.available;
    },
    encrypt: (plain) => Buffer.from(`enc:${Buffer.from(plain).reverse().toString('latin1')}`, 'latin1'),
    decrypt: (encrypted) => {
      const text = encrypted.toString('latin1');
      if (!text.startsWith('enc:')) throw new Error('not ours');
      return Buffer.from(text.slice(4), 'latin1').reverse().toString();
    },
  };
}

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'authlab-secure-storage-'));
  file = join(dir, 'profile', 'tokens.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const SESSION = JSON.stringify({ access_token: 'eyJ.header.sig', refresh_token: 'r3fr3sh' });

describe('secure storage', () => {
  it('round-trips a session and keeps it encrypted on disk', async () => {
    const storage = createSecureStorage({ cipher: fakeCipher(), file });
    await storage.setItem('sb-127-auth-token', SESSION);
    expect(await storage.getItem('sb-127-auth-token')).toBe(SESSION);
    const onDisk = readFileSync(file, 'utf8');
    expect(onDisk).not.toContain('r3fr3sh');
    expect(onDisk).toContain('sb-127-auth-token');
  });

  it('reads back what an earlier instance wrote', async () => {
    await createSecureStorage({ cipher: fakeCipher(), file }).setItem('sb-127-auth-token', SESSION);
    expect(await createSecureStorage({ cipher: fakeCipher(), file }).getItem('sb-127-auth-token')).toBe(SESSION);
  });

  it('answers null for a key never stored, and after removeItem', async () => {
    const storage = createSecureStorage({ cipher: fakeCipher(), file });
    expect(await storage.getItem('sb-127-auth-token')).toBeNull();
    await storage.setItem('sb-127-auth-token', SESSION);
    await storage.removeItem('sb-127-auth-token');
    expect(await storage.getItem('sb-127-auth-token')).toBeNull();
    await storage.removeItem('sb-127-auth-token');
  });

  it('creates the file 0600 and its directory 0700', async (ctx) => {
    ctx.skip(process.platform === 'win32', 'Windows has no POSIX file modes');
    await createSecureStorage({ cipher: fakeCipher(), file }).setItem('k', 'v');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'profile')).mode & 0o777).toBe(0o700);
  });

  it('tightens a store left readable by others', async (ctx) => {
    ctx.skip(process.platform === 'win32', 'Windows has no POSIX file modes');
    await createSecureStorage({ cipher: fakeCipher(), file }).setItem('k', 'v');
    const { chmodSync } = await import('node:fs');
    chmodSync(file, 0o644);
    await createSecureStorage({ cipher: fakeCipher(), file }).getItem('k');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('refuses to store, with a clear error, when the OS cannot encrypt — and writes nothing', async () => {
    const storage = createSecureStorage({ cipher: fakeCipher(false), file });
    await expect(storage.setItem('sb-127-auth-token', SESSION)).rejects.toThrow(ENCRYPTION_UNAVAILABLE_MESSAGE);
    expect(() => statSync(file)).toThrow();
  });

  it('refuses to read a stored value when the OS can no longer decrypt', async () => {
    const cipher = fakeCipher();
    const storage = createSecureStorage({ cipher, file });
    await storage.setItem('sb-127-auth-token', SESSION);
    cipher.available = false;
    await expect(storage.getItem('sb-127-auth-token')).rejects.toThrow(/secure token storage is unavailable/);
  });

  it('treats a value encrypted under another key as no session', async () => {
    const other = join(dir, 'tokens.json');
    writeFileSync(other, JSON.stringify({ version: 1, items: { 'sb-127-auth-token': Buffer.from('garbage').toString('base64') } }));
    expect(await createSecureStorage({ cipher: fakeCipher(), file: other }).getItem('sb-127-auth-token')).toBeNull();
  });

  it('reports a corrupt store instead of silently wiping it', async () => {
    const other = join(dir, 'tokens.json');
    writeFileSync(other, '{not json');
    await expect(createSecureStorage({ cipher: fakeCipher(), file: other }).getItem('k')).rejects.toThrow(/not valid JSON; delete it/);
  });

  it.each([
    ['an empty key', ''],
    ['a path', '../../etc/passwd'],
    ['a key with spaces', 'sb auth token'],
    ['a 129-character key', 'k'.repeat(129)],
  ])('rejects %s', async (_name, key) => {
    const storage = createSecureStorage({ cipher: fakeCipher(), file });
    await expect(storage.setItem(key, 'v')).rejects.toThrow(/storage key must match/);
    await expect(storage.getItem(key)).rejects.toThrow(/storage key must match/);
    await expect(storage.removeItem(key)).rejects.toThrow(/storage key must match/);
  });

  it('stores a key named __proto__ as data, not as a prototype', async () => {
    await createSecureStorage({ cipher: fakeCipher(), file }).setItem('__proto__', 'v');
    const reopened = createSecureStorage({ cipher: fakeCipher(), file });
    expect(await reopened.getItem('__proto__')).toBe('v');
    expect(await reopened.getItem('constructor')).toBeNull();
  });

  it('rejects a value over the size limit', async () => {
    const storage = createSecureStorage({ cipher: fakeCipher(), file });
    await expect(storage.setItem('k', 'x'.repeat(MAX_VALUE_LENGTH + 1))).rejects.toThrow(/the limit is/);
    await storage.setItem('k', 'x'.repeat(MAX_VALUE_LENGTH));
  });

  it('applies writes in call order', async () => {
    const storage = createSecureStorage({ cipher: fakeCipher(), file });
    await Promise.all([storage.setItem('k', 'one'), storage.removeItem('k'), storage.setItem('k', 'two')]);
    expect(await storage.getItem('k')).toBe('two');
  });
});
