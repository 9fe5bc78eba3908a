/** Fixed ports for the browser tests, away from the emulator's default 54321. */
export const EMULATOR_PORT = 54331;
export const RENDERER_PORT = 54332;
