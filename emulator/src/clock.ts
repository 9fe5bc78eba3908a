/**
 * Time and randomness come from here, never from Date.now() or SQL now(), so tests can move the
 * clock (token expiry, OTP expiry, rate-limit windows) instead of sleeping.
 */
export interface Clock {
  /** Current emulator time. */
  now(): Date;
  /** Current emulator time in whole unix seconds (JWT iat/exp). */
  nowSeconds(): number;
  /** Moves the clock forward (or back, with a negative value) by this many seconds. */
  advance(seconds: number): void;
  /** Jumps to this instant; time keeps flowing from there. */
  set(instant: Date | number): void;
  /** Back to real time. */
  restore(): void;
}

/** A clock that follows real time plus an adjustable offset. */
export function createClock(realNow: () => number = Date.now): Clock {
  let offsetMs = 0;
  const now = () => new Date(realNow() + offsetMs);
  return {
    now,
    nowSeconds: () => Math.floor(now().getTime() / 1000),
    advance(seconds) {
      offsetMs += seconds * 1000;
    },
    set(instant) {
      const target = typeof instant === 'number' ? instant : instant.getTime();
      offsetMs = target - realNow();
    },
    restore() {
      offsetMs = 0;
    },
  };
}

export interface Random {
  uuid(): string;
  bytes(length: number): Uint8Array;
  /** A uniformly random decimal code of this many digits, zero-padded (GoTrue's GenerateOtp). */
  digits(length: number): string;
  /** Lowercase base32 characters [a-z2-7], as GoTrue's legacy refresh tokens. */
  base32(length: number): string;
}

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

export function createRandom(): Random {
  const bytes = (length: number) => crypto.getRandomValues(new Uint8Array(length));
  return {
    uuid: () => crypto.randomUUID(),
    bytes,
    digits(length) {
      // rejection sampling keeps every digit uniform
      let out = '';
      while (out.length < length) {
        for (const b of bytes(length * 2)) if (b < 250 && out.length < length) out += String(b % 10);
      }
      return out;
    },
    base32(length) {
      let out = '';
      for (const b of bytes(length)) out += BASE32[b & 31];
      return out;
    },
  };
}
