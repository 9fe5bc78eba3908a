/**
 * Progress lines on stderr, so stdout stays the clean result table. On a terminal the line is
 * rewritten in place; in a log (CI, redirect) every update is its own line, at most once a second.
 */
const tty = process.stderr.isTTY === true;
let open = false;

export function status(text: string): void {
  if (tty) {
    process.stderr.write(`\r\x1b[2K[bench] ${text}`);
    open = true;
  } else {
    process.stderr.write(`[bench] ${text}\n`);
  }
}

/** A message that should stay on screen. */
export function log(text: string): void {
  if (tty && open) process.stderr.write('\r\x1b[2K');
  open = false;
  process.stderr.write(`[bench] ${text}\n`);
}

/** Calls `tick` once a second until the returned function is called; never keeps the process alive. */
export function ticker(tick: () => void): () => void {
  const timer = setInterval(tick, 1000);
  timer.unref();
  return () => clearInterval(timer);
}
