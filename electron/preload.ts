import { contextBridge, ipcRenderer } from 'electron';
import type { AuthlabBridge } from './bridge-api.js';
import type { DeepLink } from './deep-links.js';
import { DEEP_LINK_EVENT } from './ipc-events.js';
import type { ArgsOf, ChannelName, ResultOf } from './ipc.js';

/**
 * Runs in the sandboxed renderer before the page. Exposes typed functions only: never
 * ipcRenderer itself, never an event object (its `sender` is ipcRenderer).
 */

const invoke = <C extends ChannelName>(channel: C, ...args: ArgsOf<C>): Promise<ResultOf<C>> =>
  ipcRenderer.invoke(channel, ...args) as Promise<ResultOf<C>>;

function onDeepLink(listener: (link: DeepLink) => void): () => void {
  const relay = (_event: unknown, link: DeepLink) => listener(link);
  ipcRenderer.on(DEEP_LINK_EVENT, relay);
  // links that arrived before this subscription (the OS may start the app with one)
  invoke('deep-links:listen').then(
    (pending) => pending.forEach((link) => listener(link)),
    () => {}, // nothing was pending that could be delivered; later links still arrive by event
  );
  return () => {
    ipcRenderer.removeListener(DEEP_LINK_EVENT, relay);
  };
}

const bridge: AuthlabBridge = {
  storage: {
    getItem: (key) => invoke('storage:get-item', key),
    setItem: (key, value) => invoke('storage:set-item', key, value),
    removeItem: (key) => invoke('storage:remove-item', key),
  },
  connection: {
    get: () => invoke('connection:get'),
    useUrl: (value) => invoke('connection:use-url', { url: value.url, anonKey: value.anonKey }),
  },
  emulator: {
    start: () => invoke('emulator:start'),
    stop: () => invoke('emulator:stop'),
  },
  redirect: {
    prepare: (mode) => invoke('redirect:prepare', mode),
    onDeepLink,
  },
  openExternal: (url) => invoke('shell:open-external', url),
};

contextBridge.exposeInMainWorld('authlab', bridge);
