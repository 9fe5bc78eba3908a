import type { ComponentType } from 'react';
import { PasswordFlow } from './PasswordFlow.js';
import { RefreshFlow } from './RefreshFlow.js';
import { SignOutFlow } from './SignOutFlow.js';

export interface FlowEntry {
  /** The URL hash (#/password), so a flow can be linked to and reloaded. */
  id: string;
  title: string;
  /** Absent for flows the emulator cannot serve yet: listed so the map of auth flows is complete. */
  component?: ComponentType;
}

/** The sidebar, top to bottom. */
export const FLOWS: FlowEntry[] = [
  { id: 'password', title: 'Password', component: PasswordFlow },
  { id: 'refresh', title: 'Refresh', component: RefreshFlow },
  { id: 'sign-out', title: 'Sign out', component: SignOutFlow },
  { id: 'magic-link', title: 'Magic link' },
  { id: 'otp', title: 'One-time code' },
  { id: 'recovery', title: 'Password recovery' },
  { id: 'oauth', title: 'OAuth' },
  { id: 'mfa', title: 'MFA' },
  { id: 'devices', title: 'Multi-session devices' },
  { id: 'admin', title: 'Admin' },
];
