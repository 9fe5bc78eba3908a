import { lazy, type ComponentType } from 'react';

/**
 * Each screen is its own chunk, fetched the first time it is opened: the first load carries only the
 * shell and the screen it lands on.
 */
function screen<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K): ComponentType {
  return lazy(async (): Promise<{ default: ComponentType }> => ({ default: (await load())[name] }));
}

export interface FlowEntry {
  /** The URL hash (#/password), so a flow can be linked to and reloaded. */
  id: string;
  title: string;
  /** Absent for flows the emulator cannot serve yet: listed so the map of auth flows is complete. */
  component?: ComponentType;
  /** Tools (tokens, users, audit log, inbox) are listed apart from the flows. */
  tool?: boolean;
  /** The flow resumes by itself when a mail link brings the browser back to it. */
  resumesLinks?: boolean;
}

/** The sidebar, top to bottom. */
export const FLOWS: FlowEntry[] = [
  { id: 'password', title: 'Password', component: screen(() => import('./PasswordFlow.js'), 'PasswordFlow') },
  { id: 'refresh', title: 'Refresh', component: screen(() => import('./RefreshFlow.js'), 'RefreshFlow') },
  { id: 'sign-out', title: 'Sign out', component: screen(() => import('./SignOutFlow.js'), 'SignOutFlow') },
  { id: 'confirm-email', title: 'Email confirmation', component: screen(() => import('./ConfirmEmailFlow.js'), 'ConfirmEmailFlow'), resumesLinks: true },
  { id: 'magic-link', title: 'Magic link & OTP (PKCE)', component: screen(() => import('./MagicLinkFlow.js'), 'MagicLinkFlow'), resumesLinks: true },
  { id: 'recovery', title: 'Password recovery', component: screen(() => import('./RecoveryFlow.js'), 'RecoveryFlow'), resumesLinks: true },
  { id: 'phone-otp', title: 'Phone OTP', component: screen(() => import('./PhoneOtpFlow.js'), 'PhoneOtpFlow') },
  { id: 'oauth', title: 'OAuth', component: screen(() => import('./OAuthFlow.js'), 'OAuthFlow'), resumesLinks: true },
  { id: 'oauth-server', title: 'OAuth server (your app as IdP)', component: screen(() => import('./OAuthServerFlow.js'), 'OAuthServerFlow') },
  { id: 'mfa', title: 'MFA', component: screen(() => import('./MfaFlow.js'), 'MfaFlow') },
  { id: 'passkeys', title: 'Passkeys', component: screen(() => import('./PasskeyFlow.js'), 'PasskeyFlow') },
  { id: 'devices', title: 'Multi-session devices', component: screen(() => import('./DevicesFlow.js'), 'DevicesFlow') },
  { id: 'tokens', title: 'Tokens', component: screen(() => import('../tokens/TokenWorkbench.js'), 'TokenWorkbench'), tool: true },
  { id: 'users', title: 'Users', component: screen(() => import('../admin/UsersView.js'), 'UsersView'), tool: true },
  { id: 'audit', title: 'Audit log', component: screen(() => import('../admin/AuditView.js'), 'AuditView'), tool: true },
  { id: 'inbox', title: 'Inbox', component: screen(() => import('../inbox/InboxView.js'), 'InboxView'), tool: true },
];
