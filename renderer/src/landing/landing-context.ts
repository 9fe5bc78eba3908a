import { createContext, useContext } from 'react';
import type { Landing } from './landing.js';

export const LandingContext = createContext<Landing | null>(null);

/** What a mail link brought back for this flow, if the page was opened that way. */
export function useLanding(route: string): Landing | null {
  const landing = useContext(LandingContext);
  return landing?.route === route ? landing : null;
}
