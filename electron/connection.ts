import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { InProcessEmulator } from './in-process-emulator.js';
import type { ConnectionInfo } from './ipc.js';

/**
 * Which project the explorer talks to: the emulator in this process (the default) or a URL the
 * user entered. The choice survives restarts; it is not secret (an anon key is public by design),
 * but the file is still private to the user.
 */
export interface Connection {
  /** Reads the saved choice and starts the in-process emulator if that is the choice. */
  restore(): Promise<void>;
  info(): Promise<ConnectionInfo>;
  useUrl(value: { url: string; anonKey: string }): Promise<ConnectionInfo>;
  useInProcess(): Promise<ConnectionInfo>;
  stopInProcess(): Promise<ConnectionInfo>;
  /** The chosen custom URL, for the CSP; null when the in-process emulator is the choice. */
  customUrl(): string | null;
}

const choiceSchema = z.discriminatedUnion('target', [
  z.object({ target: z.literal('in-process') }),
  z.object({ target: z.literal('custom'), url: z.string().max(2048), anonKey: z.string().max(4096) }),
]);
type Choice = z.infer<typeof choiceSchema>;

export function createConnection({ file, emulator }: { file: string; emulator: InProcessEmulator }): Connection {
  let choice: Choice = { target: 'in-process' };

  async function info(): Promise<ConnectionInfo> {
    const status = await emulator.settled();
    if (choice.target === 'custom') return { target: 'custom', url: choice.url, anonKey: choice.anonKey, emulator: status };
    return { target: 'in-process', url: status.url, anonKey: emulator.anonKey() ?? '', emulator: status };
  }

  async function choose(next: Choice): Promise<void> {
    choice = next;
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    await writeFile(file, JSON.stringify(next), { mode: 0o600 });
  }

  return {
    async restore() {
      choice = await readChoice(file);
      if (choice.target === 'in-process') void emulator.start();
    },
    info,
    async useUrl({ url, anonKey }) {
      // normalised (createClient appends /auth/v1 itself); the CSP takes its origin
      await choose({ target: 'custom', url: new URL(url).href.replace(/\/$/, ''), anonKey });
      return info();
    },
    async useInProcess() {
      await choose({ target: 'in-process' });
      await emulator.start();
      return info();
    },
    async stopInProcess() {
      await emulator.stop();
      return info();
    },
    customUrl: () => (choice.target === 'custom' ? choice.url : null),
  };
}

/** A missing or unreadable file means the default: a bad file must not keep the app from starting. */
async function readChoice(file: string): Promise<Choice> {
  try {
    const parsed = choiceSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data : { target: 'in-process' };
  } catch {
    return { target: 'in-process' };
  }
}
