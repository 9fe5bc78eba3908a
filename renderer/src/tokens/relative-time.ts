const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 24 * 60 * 60],
  ['hour', 60 * 60],
  ['minute', 60],
  ['second', 1],
];

/** "in 59 minutes", "3 hours ago": the largest unit that fits, as a person says it. */
export function relativeTime(seconds: number, nowSeconds: number, locale?: string): string {
  const delta = seconds - nowSeconds;
  const format = new Intl.RelativeTimeFormat(locale ?? 'en', { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(delta) >= size || unit === 'second') return format.format(Math.trunc(delta / size), unit);
  }
  return format.format(delta, 'second');
}

/** The claims that hold a time (seconds since the epoch). */
export const TIME_CLAIMS: ReadonlySet<string> = new Set(['exp', 'iat', 'nbf', 'auth_time', 'updated_at']);
