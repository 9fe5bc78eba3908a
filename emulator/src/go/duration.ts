/**
 * Go's time.ParseDuration, which GoTrue applies to ban_duration ("24h", "1h30m", "-5m", "0") and
 * envconfig to its duration settings.
 * Returns nanoseconds as a bigint; throws DurationError with Go's own message.
 */

export class DurationError extends Error {
  override name = 'DurationError';
}

const UNITS: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  'µs': 1_000n, // U+00B5 micro sign
  'μs': 1_000n, // U+03BC Greek mu
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60n * 1_000_000_000n,
  h: 60n * 60n * 1_000_000_000n,
};

const MAX = 1n << 63n;

/** strconv.Quote for the strings a duration holds (JSON's escaping is close enough). */
const quote = (s: string) => JSON.stringify(s);

function leadingFraction(fraction: string): [bigint, number] {
  let digits = 0n;
  let scale = 1;
  for (const ch of fraction) {
    const next = digits * 10n + BigInt(ch);
    if (next >= MAX) break;
    digits = next;
    scale *= 10;
  }
  return [digits, scale];
}

export function parseGoDuration(input: string): bigint {
  const invalid = () => new DurationError(`time: invalid duration ${quote(input)}`);
  let s = input;
  let negative = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    negative = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') throw invalid();
  let total = 0n;
  while (s !== '') {
    const number = /^(\d*)(?:\.(\d*))?/.exec(s)!;
    const [consumed, whole = '', fraction] = number;
    if (whole === '' && (fraction === undefined || fraction === '')) throw invalid();
    s = s.slice(consumed.length);
    const unitMatch = /^[^\d.]*/.exec(s)![0];
    if (unitMatch === '') throw new DurationError(`time: missing unit in duration ${quote(input)}`);
    s = s.slice(unitMatch.length);
    const unit = UNITS[unitMatch];
    if (unit === undefined) throw new DurationError(`time: unknown unit ${quote(unitMatch)} in duration ${quote(input)}`);
    let value = BigInt(whole || '0');
    if (value > MAX / unit) throw invalid();
    value *= unit;
    if (fraction) {
      // as Go's leadingFraction: digits as an integer over a power of ten (those past int64 dropped),
      // scaled to the unit in floating point and truncated
      const [digits, scale] = leadingFraction(fraction);
      value += BigInt(Math.trunc(Number(digits) * (Number(unit) / scale)));
      if (value > MAX) throw invalid();
    }
    total += value;
    if (total > MAX) throw invalid();
  }
  if (negative) return -total;
  if (total > MAX - 1n) throw invalid();
  return total;
}

/** Nanoseconds to whole milliseconds (Date precision), truncated toward zero. */
export const durationToMs = (ns: bigint) => Number(ns / 1_000_000n);
