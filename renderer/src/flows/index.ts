import type { ComponentType } from 'react';
import { AuditView } from '../admin/AuditView.js';
import { UsersView } from '../admin/UsersView.js';
import { InboxView } from '../inbox/InboxView.js';
import { ConfirmEmailFlow } from './ConfirmEmailFlow.js';
import { DevicesFlow } from './DevicesFlow.js';
import { MagicLinkFlow } from './MagicLinkFlow.js';
import { MfaFlow } from './MfaFlow.js';
import { OAuthFlow } from './OAuthFlow.js';
import { OAuthServerFlow } from './OAuthServerFlow.js';
import { PasskeyFlow } from './PasskeyFlow.js';
import { PasswordFlow } from './PasswordFlow.js';
import { PhoneOtpFlow } from './PhoneOtpFlow.js';
import { RecoveryFlow } from './RecoveryFlow.js';
import { RefreshFlow } from './RefreshFlow.js';
import { SignOutFlow } from './SignOutFlow.js';

export interface FlowEntry {
  /** The URL hash (#/password), so a flow can be linked to and reloaded. */
  id: string;
  title: string;
  /** Absent for flows the emulator cannot serve yet: listed so the map of auth flows is complete. */
  component?: ComponentType;
  /** Tools (users, audit log, inbox) are listed apart from the flows. */
  tool?: boolean;
  /** The flow resumes by itself when a mail link brings the browser back to it. */
  resumesLinks?: boolean;
}

/** The sidebar, top to bottom. */
export const FLOWS: FlowEntry[] = [
  { id: 'password', title: 'Password', component: PasswordFlow },
  { id: 'refresh', title: 'Refresh', component: RefreshFlow },
  { id: 'sign-out', title: 'Sign out', component: SignOutFlow },
  { id: 'confirm-email', title: 'Email confirmation', component: ConfirmEmailFlow, resumesLinks: true },
  { id: 'magic-link', title: 'Magic link & OTP (PKCE)', component: MagicLinkFlow, resumesLinks: true },
  { id: 'recovery', title: 'Password recovery', component: RecoveryFlow, resumesLinks: true },
  { id: 'phone-otp', title: 'Phone OTP', component: PhoneOtpFlow },
  { id: 'oauth', title: 'OAuth', component: OAuthFlow, resumesLinks: true },
  { id: 'oauth-server', title: 'OAuth server (your app as IdP)', component: OAuthServerFlow },
  { id: 'mfa', title: 'MFA', component: MfaFlow },
  { id: 'passkeys', title: 'Passkeys', component: PasskeyFlow },
  { id: 'devices', title: 'Multi-session devices', component: DevicesFlow },
  { id: 'users', title: 'Users', component: UsersView, tool: true },
  { id: 'audit', title: 'Audit log', component: AuditView, tool: true },
  { id: 'inbox', title: 'Inbox', component: InboxView, tool: true },
];
