import { afterEach } from 'vitest';
import { createClock, type Clock } from '../../src/clock.js';

export interface PausableClock extends Clock {
  /** Stops time where it is (advance and set still move it), so an expiry can be asserted to the second. */
  pause(): void;
  /** Time flows again from wherever it was left. */
  resume(): void;
}

/**
 * An emulator clock over real time that a test can stop: `expires_at` equals now + 300 exactly,
 * however long a loaded machine takes to answer. Give it to useEmulator({ clock }) in a describe
 * block; every test starts with time flowing again.
 */
export function pausableClock(): PausableClock {
  let pausedAt: number | undefined;
  const clock = createClock(() => pausedAt ?? Date.now());
  afterEach(() => {
    pausedAt = undefined;
  });
  return {
    ...clock,
    pause() {
      pausedAt = Date.now();
    },
    resume() {
      pausedAt = undefined;
    },
  };
}
