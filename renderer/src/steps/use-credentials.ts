import { sampleEmail } from '../ui/sample-email.js';
import { useSessionState } from '../ui/use-session-state.js';

/** The email and password a flow signs in with, kept for the tab (sessionStorage) under the flow's route. */
export interface Credentials {
  email: string;
  setEmail(value: string): void;
  password: string;
  setPassword(value: string): void;
}

/** `name` starts the sample address (pia.x1y2z3@example.com), so each flow's user is told apart in Users and the inbox. */
export function useCredentials(route: string, name: string): Credentials {
  const [email, setEmail] = useSessionState(`authlab.${route}.email`, () => sampleEmail(name));
  const [password, setPassword] = useSessionState(`authlab.${route}.password`, () => 'secret-123');
  return { email, setEmail, password, setPassword };
}
