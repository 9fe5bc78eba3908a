import type { ReactNode } from 'react';
import { useExplorer } from '../explorer/ExplorerProvider.js';
import type { AdminApi } from './admin-api.js';
import { AdminKeyPanel } from './AdminKeyPanel.js';

/**
 * The admin views behind a service role key: which one is in use (and a way to enter another),
 * then the view. With no key for this connection (a remote URL, nothing entered) only the panel.
 */
export function AdminGate({ children }: { children: (admin: AdminApi) => ReactNode }) {
  const { admin } = useExplorer();
  return (
    <>
      <AdminKeyPanel />
      {admin && children(admin)}
    </>
  );
}
