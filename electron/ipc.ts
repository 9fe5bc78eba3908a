import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { z } from 'zod';
import { cspSourceFor } from './csp.js';
import type { DeepLink } from './deep-links.js';
import { MAX_VALUE_LENGTH, STORAGE_KEY_PATTERN } from './storage-limits.js';

/**
 * The one contract between the renderer and the main process: every channel, the zod schema of
 * its arguments (main rejects anything that does not parse) and the type of its result. The
 * preload exposes one typed function per channel and nothing else.
 */

/** Which project the renderer's supabase-js clients talk to. */
export interface ConnectionInfo {
  target: 'in-process' | 'custom';
  /** The URL for createClient; null while the in-process emulator is not running. */
  url: string | null;
  anonKey: string;
  emulator: EmulatorStatus;
}

export interface EmulatorStatus {
  state: 'stopped' | 'starting' | 'running' | 'failed';
  url: string | null;
  error: string | null;
}

export type RedirectMode = 'custom-scheme' | 'loopback';

/** Type-only marker for a channel's result; the value is never read. */
const returns = <Result>() => undefined as unknown as Result;

const storageKey = z.string().regex(STORAGE_KEY_PATTERN, 'storage key has characters or a length supabase-js never uses');
const storageValue = z.string().max(MAX_VALUE_LENGTH);

/** A project URL the user typed: http(s) origin-like, nothing a CSP header could be tricked by. */
const projectUrl = z
  .string()
  .max(2048)
  .refine((url) => cspSourceFor(url) !== undefined, 'must be an http:// or https:// URL such as http://127.0.0.1:54321')
  .refine((url) => !hasCredentials(url), 'must not carry a user name or password');

function hasCredentials(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.username !== '' || parsed.password !== '';
  } catch {
    return true;
  }
}

/** JWT anon keys and sb_publishable_ keys both fit. */
const apiKey = z.string().min(1).max(4096).regex(/^[A-Za-z0-9._-]+$/, 'must be a JWT or an sb_publishable_ key');

export const ipcContract = {
  'storage:get-item': { args: z.tuple([storageKey]), result: returns<string | null>() },
  'storage:set-item': { args: z.tuple([storageKey, storageValue]), result: returns<void>() },
  'storage:remove-item': { args: z.tuple([storageKey]), result: returns<void>() },
  'connection:get': { args: z.tuple([]), result: returns<ConnectionInfo>() },
  /** Point every client at another project; the window reloads so the CSP allows it. */
  'connection:use-url': { args: z.tuple([z.object({ url: projectUrl, anonKey: apiKey }).strict()]), result: returns<ConnectionInfo>() },
  'emulator:start': { args: z.tuple([]), result: returns<ConnectionInfo>() },
  'emulator:stop': { args: z.tuple([]), result: returns<ConnectionInfo>() },
  /** The redirectTo / emailRedirectTo for a flow; starts the loopback listener when asked for it. */
  'redirect:prepare': { args: z.tuple([z.enum(['custom-scheme', 'loopback'])]), result: returns<{ redirectUrl: string }>() },
  /** Validated again in main: http(s) only. */
  'shell:open-external': { args: z.tuple([z.string().max(4096)]), result: returns<void>() },
  /** The page subscribes to deep links; answers the ones that arrived before it did. */
  'deep-links:listen': { args: z.tuple([]), result: returns<DeepLink[]>() },
} as const;

export { DEEP_LINK_EVENT } from './ipc-events.js';

export type IpcContract = typeof ipcContract;
export type ChannelName = keyof IpcContract;
export type ArgsOf<C extends ChannelName> = z.output<IpcContract[C]['args']>;
export type ResultOf<C extends ChannelName> = IpcContract[C]['result'];
export type IpcHandlers = { [C in ChannelName]: (...args: ArgsOf<C>) => ResultOf<C> | Promise<ResultOf<C>> };

export const channelNames = Object.keys(ipcContract) as ChannelName[];

export type Invocation = { ok: true; channel: ChannelName; args: unknown[] } | { ok: false; error: string };

/** Parses one incoming message against the contract. Errors name the problem, never echo the payload (it may hold tokens). */
export function validateInvocation(channel: string, args: unknown[]): Invocation {
  if (!Object.hasOwn(ipcContract, channel)) return { ok: false, error: `authlab: unknown channel ${JSON.stringify(channel.slice(0, 64))}` };
  const name = channel as ChannelName;
  const parsed = ipcContract[name].args.safeParse(args);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.length ? `argument ${issue.path.join('.')}: ` : ''}${issue.message}`);
    return { ok: false, error: `authlab: refused ${name}: ${problems.join('; ')}` };
  }
  return { ok: true, channel: name, args: parsed.data as unknown[] };
}

/** What main knows about who sent a message. */
export interface SenderFacts {
  webContentsId: number;
  /** URL of the sending frame; undefined once it navigated away or was destroyed. */
  frameUrl: string | undefined;
  isMainFrame: boolean;
}

export interface TrustedRenderer {
  webContentsId: number;
  origin: string;
}

/** Only the app's own window, its top frame, showing the app's own origin may talk to main. */
export function isTrustedSender(sender: SenderFacts, trusted: TrustedRenderer, originOf: (url: string) => string | undefined): boolean {
  return (
    sender.webContentsId === trusted.webContentsId &&
    sender.isMainFrame &&
    sender.frameUrl !== undefined &&
    originOf(sender.frameUrl) === trusted.origin
  );
}

export function senderFacts(event: IpcMainInvokeEvent): SenderFacts {
  const frame = event.senderFrame;
  return { webContentsId: event.sender.id, frameUrl: frame?.url, isMainFrame: !!frame && frame.parent === null };
}

/**
 * Registers every channel of the contract on ipcMain. Each message is checked for its sender,
 * then parsed; a handler only ever sees arguments that match the schema.
 */
export function registerIpcHandlers(
  ipcMain: Pick<IpcMain, 'handle'>,
  handlers: IpcHandlers,
  isTrusted: (event: IpcMainInvokeEvent) => boolean,
): void {
  for (const channel of channelNames) {
    ipcMain.handle(channel, async (event, ...args: unknown[]) => {
      if (!isTrusted(event)) throw new Error(`authlab: refused ${channel}: not sent by the app's own page`);
      const invocation = validateInvocation(channel, args);
      if (!invocation.ok) throw new Error(invocation.error);
      const handler = handlers[channel] as (...a: unknown[]) => unknown;
      return handler(...invocation.args);
    });
  }
}
