import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { MAX_ITEMS, MAX_VALUE_LENGTH, STORAGE_KEY_PATTERN } from './storage-limits.js';

export { MAX_ITEMS, MAX_VALUE_LENGTH, STORAGE_KEY_PATTERN } from './storage-limits.js';

type Awaitable<T> = T | Promise<T>;

/** What the store needs from the OS: Electron's safeStorage in the app, a fake cipher in tests. */
export interface Cipher {
  isAvailable(): Awaitable<boolean>;
  encrypt(plainText: string): Awaitable<Buffer>;
  decrypt(encrypted: Buffer): Awaitable<string>;
}

export interface SecureStorageOptions {
  cipher: Cipher;
  /** The JSON file the encrypted values live in; created 0600, its directory 0700. */
  file: string;
}

export interface SecureStorage {
  getItem(key: string): Promise<string | null>;
  setItem(key: string, value: string): Promise<void>;
  removeItem(key: string): Promise<void>;
}

/** Refuse to parse a file that has grown past anything this store could have written. */
const MAX_FILE_BYTES = 32 * 1024 * 1024;

const FILE_MODE = 0o600;
const DIR_MODE = 0o700;

export const ENCRYPTION_UNAVAILABLE_MESSAGE =
  'authlab: secure token storage is unavailable: the OS keychain cannot encrypt right now ' +
  '(on Linux, install and unlock gnome-keyring or KWallet). Tokens are not stored in plain text.';

/** The on-disk shape: values are base64 of the OS cipher's output; keys stay readable (they are not secret). */
interface StoreFile {
  version: 1;
  items: Record<string, string>;
}

export function checkStorageKey(key: unknown): asserts key is string {
  if (typeof key !== 'string' || !STORAGE_KEY_PATTERN.test(key)) {
    throw new Error(`authlab: storage key must match ${STORAGE_KEY_PATTERN} (got ${describe(key)})`);
  }
}

export function checkStorageValue(value: unknown): asserts value is string {
  if (typeof value !== 'string') throw new Error(`authlab: storage value must be a string (got ${typeof value})`);
  if (value.length > MAX_VALUE_LENGTH) throw new Error(`authlab: storage value is ${value.length} characters; the limit is ${MAX_VALUE_LENGTH}`);
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : typeof value;
}

/**
 * Token storage encrypted by the OS keychain (DPAPI, Keychain, libsecret/KWallet). When the
 * cipher is unavailable it refuses with a clear error rather than falling back to plain text:
 * the whole point of the desktop build is that tokens at rest are not readable by other programs.
 */
export function createSecureStorage({ cipher, file }: SecureStorageOptions): SecureStorage {
  let items: Map<string, string> | undefined;
  // one write at a time, in call order, so a remove never loses a race with an earlier set
  let queue: Promise<unknown> = Promise.resolve();

  const serialized = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => {});
    return run;
  };

  async function load(): Promise<Map<string, string>> {
    if (!items) items = await readStore(file);
    return items;
  }

  async function requireCipher(): Promise<void> {
    if (!(await cipher.isAvailable())) throw new Error(ENCRYPTION_UNAVAILABLE_MESSAGE);
  }

  return {
    getItem: (key) =>
      serialized(async () => {
        checkStorageKey(key);
        const stored = (await load()).get(key);
        if (stored === undefined) return null;
        await requireCipher();
        try {
          return await cipher.decrypt(Buffer.from(stored, 'base64'));
        } catch {
          // written under another OS key (profile copied to another machine, keychain reset): the
          // session is gone, as if signed out; supabase-js then starts without one
          return null;
        }
      }),
    setItem: (key, value) =>
      serialized(async () => {
        checkStorageKey(key);
        checkStorageValue(value);
        await requireCipher();
        const current = await load();
        if (!current.has(key) && current.size >= MAX_ITEMS) {
          throw new Error(`authlab: token storage holds ${MAX_ITEMS} items already; remove some first`);
        }
        const encrypted = (await cipher.encrypt(value)).toString('base64');
        const next = new Map(current).set(key, encrypted);
        await writeStore(file, next);
        items = next;
      }),
    removeItem: (key) =>
      serialized(async () => {
        checkStorageKey(key);
        const current = await load();
        if (!current.has(key)) return;
        const next = new Map(current);
        next.delete(key);
        await writeStore(file, next);
        items = next;
      }),
  };
}

async function readStore(file: string): Promise<Map<string, string>> {
  let text: string;
  try {
    const bytes = await readFile(file);
    if (bytes.length > MAX_FILE_BYTES) throw new Error(`authlab: token store ${file} is larger than ${MAX_FILE_BYTES} bytes`);
    text = bytes.toString('utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw e;
  }
  // an older build or another user may have left it readable: tighten before trusting it
  await chmod(file, FILE_MODE);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`authlab: token store ${file} is not valid JSON; delete it to start with no saved sessions`);
  }
  if (!isStoreFile(parsed)) throw new Error(`authlab: token store ${file} has an unknown format; delete it to start with no saved sessions`);
  return new Map(Object.entries(parsed.items).filter(([key]) => STORAGE_KEY_PATTERN.test(key)));
}

function isStoreFile(value: unknown): value is StoreFile {
  if (!value || typeof value !== 'object') return false;
  const { version, items } = value as Partial<StoreFile>;
  return version === 1 && !!items && typeof items === 'object' && Object.values(items).every((v) => typeof v === 'string');
}

/** Write beside the file and rename over it, so a crash mid-write never leaves half a store. */
async function writeStore(file: string, items: Map<string, string>): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: DIR_MODE });
  const body: StoreFile = { version: 1, items: Object.fromEntries(items) };
  const staging = `${file}.${process.pid}.tmp`;
  await writeFile(staging, JSON.stringify(body), { mode: FILE_MODE });
  // the umask can only remove bits from 0600, but a leftover staging file keeps its old mode
  await chmod(staging, FILE_MODE);
  await rename(staging, file);
}
