/**
 * Fixed ports for the browser tests, away from the emulator's default 54321.
 * AUTHLAB_E2E_PORT_OFFSET moves them all, so two checkouts (or two people on one machine) can run
 * the suite at once without one run's servers answering, or vanishing under, the other's tests.
 */
const offset = Number(process.env.AUTHLAB_E2E_PORT_OFFSET ?? 0) || 0;

/** An emulator with the local defaults (autoconfirm on): password, refresh and sign-out journeys. */
export const EMULATOR_PORT = 54331 + offset;
/** vite preview of the built explorer: a page on another origin than any emulator (CORS). */
export const RENDERER_PORT = 54332 + offset;
/** An emulator with confirmations and phone sign-in on: the mail and SMS journeys. */
export const MAIL_EMULATOR_PORT = 54333 + offset;
/** An emulator with the OAuth 2.1 server on, its site URL at its own explorer, signing with ES256. */
export const OAUTH_EMULATOR_PORT = 54334 + offset;
