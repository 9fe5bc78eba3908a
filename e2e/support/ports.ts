/** Fixed ports for the browser tests, away from the emulator's default 54321. */

/** An emulator with the local defaults (autoconfirm on): password, refresh and sign-out journeys. */
export const EMULATOR_PORT = 54331;
/** vite preview of the built explorer: a page on another origin than any emulator (CORS). */
export const RENDERER_PORT = 54332;
/** An emulator with confirmations and phone sign-in on: the mail and SMS journeys. */
export const MAIL_EMULATOR_PORT = 54333;
