/** One HTTP exchange as the client saw it, unmasked; masking happens only when it is shown. */
export interface WireEntry {
  /** Increasing in the order requests started, so a step can claim the ones it caused. */
  seq: number;
  deviceId: string;
  method: string;
  url: string;
  /** 0 when the request never got an answer (network error, CORS refusal). */
  status: number;
  durationMs: number;
  requestHeaders: Record<string, string>;
  requestBody: string;
  responseHeaders: Record<string, string>;
  responseBody: string;
  networkError?: string;
}

export interface WireLog {
  /** The next request's seq: take it before a step starts, then ask for `since(mark)`. */
  mark(): number;
  nextSeq(): number;
  add(entry: WireEntry): void;
  since(mark: number): WireEntry[];
  subscribe(listener: () => void): () => void;
  entries(): readonly WireEntry[];
}

/** A plain store (no React) so the fetch wrapper can record outside any component. */
export function createWireLog(): WireLog {
  let seq = 0;
  let list: WireEntry[] = [];
  const listeners = new Set<() => void>();
  return {
    mark: () => seq + 1,
    nextSeq: () => ++seq,
    add(entry) {
      // a new array each time: useSyncExternalStore compares snapshots by identity
      list = [...list, entry].sort((a, b) => a.seq - b.seq);
      for (const listener of listeners) listener();
    },
    since: (mark) => list.filter((e) => e.seq >= mark),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    entries: () => list,
  };
}
