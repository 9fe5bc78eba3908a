import { describe, expect, it } from 'vitest';
import { explainFetchFailure, explorerUrlFor, watchConnectRefusals } from './fetch-failure.js';

function fakeDocument() {
  const listeners = new Set<(event: Event) => void>();
  return {
    addEventListener: (_type: string, listener: (event: Event) => void) => listeners.add(listener),
    removeEventListener: (_type: string, listener: (event: Event) => void) => listeners.delete(listener),
    violate: (effectiveDirective: string, blockedURI: string) => {
      for (const listener of listeners) listener({ effectiveDirective, blockedURI } as unknown as Event);
    },
  };
}

describe('explaining a request that got no response', () => {
  it('remembers the origins the page’s connect-src refused, and only those', () => {
    const doc = fakeDocument();
    const log = watchConnectRefusals(doc as unknown as Document);
    doc.violate('connect-src', 'https://abcd.supabase.co/auth/v1/token');
    doc.violate('img-src', 'https://images.example/a.png');
    expect(log.refused('https://abcd.supabase.co/auth/v1/user')).toBe(true);
    expect(log.refused('https://images.example/x')).toBe(false);
    expect(log.refused('http://127.0.0.1:54321/auth/v1/user')).toBe(false);
    log.stop();
    doc.violate('connect-src', 'https://other.example/');
    expect(log.refused('https://other.example/')).toBe(false);
  });

  it('says which policy refused and which address lets the page through', () => {
    const location = { origin: 'http://127.0.0.1:54321', pathname: '/_/', hash: '#/password' };
    expect(explorerUrlFor('https://abcd.supabase.co/auth/v1/token?grant_type=password', location)).toBe(
      'http://127.0.0.1:54321/_/?url=https%3A%2F%2Fabcd.supabase.co#/password',
    );
    expect(explainFetchFailure('https://abcd.supabase.co/auth/v1/user', 'Failed to fetch', true, true)).toMatch(
      /app’s Content-Security-Policy refused to connect to https:\/\/abcd\.supabase\.co/,
    );
  });

  it('asks whether the emulator is running when nothing refused the request', () => {
    const text = explainFetchFailure('http://127.0.0.1:1/auth/v1/health', 'Failed to fetch', false);
    expect(text).toContain('No response from http://127.0.0.1:1 (Failed to fetch)');
    expect(text).toContain('Is the emulator running at http://127.0.0.1:1?');
  });
});
