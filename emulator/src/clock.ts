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

/**
 * The instants the clock may show: from the unix epoch to the last millisecond of year 9999. Go's
 * JSON encoding of a time (GoTrue's created_at, expires_at, ...) fails outside years 0-9999, and
 * JavaScript has no Date at all past ±8.64e15 ms, so a clock beyond either end would break every
 * answer rather than test anything.
 */
export const CLOCK_RANGE = { min: 0, max: Date.UTC(9999, 11, 31, 23, 59, 59, 999) };

/** A move of the clock that would leave CLOCK_RANGE; the clock is left as it was. */
export class ClockRangeError extends RangeError {
  constructor(what: string, targetMs: number) {
    const at = Math.abs(targetMs) <= 8.64e15 ? new Date(targetMs).toISOString() : `${targetMs} ms since 1970, beyond any date`;
    super(`${what} would put the clock at ${at}; it must stay between 1970-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z`);
    this.name = 'ClockRangeError';
  }
}

/** A clock that follows real time plus an adjustable offset, kept within CLOCK_RANGE. */
export function createClock(realNow: () => number = Date.now): Clock {
  let offsetMs = 0;
  const now = () => new Date(realNow() + offsetMs);
  const moveTo = (targetMs: number, what: string) => {
    if (!(targetMs >= CLOCK_RANGE.min && targetMs <= CLOCK_RANGE.max)) throw new ClockRangeError(what, targetMs);
    offsetMs = targetMs - realNow();
  };
  return {
    now,
    nowSeconds: () => Math.floor(now().getTime() / 1000),
    advance(seconds) {
      moveTo(now().getTime() + seconds * 1000, `advancing by ${seconds} s`);
    },
    set(instant) {
      const target = typeof instant === 'number' ? instant : instant.getTime();
      moveTo(target, `setting ${typeof instant === 'number' ? `${instant} (unix ms)` : 'it'}`);
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
