import { isSameOrigin } from './app-origin.js';

/**
 * Chromium's Local Network Access asks before a page reaches loopback or private addresses; the
 * explorer's whole job is to reach the emulator on 127.0.0.1, so the app's own top frame may.
 */
const LOCAL_NETWORK_PERMISSIONS = new Set(['local-network-access', 'local-network', 'loopback-network']);

export interface PermissionAsk {
  permission: string;
  requestingUrl: string | undefined;
  isMainFrame: boolean;
}

/** Every permission is denied (camera, notifications, clipboard, geolocation, …) except the one above. */
export function isPermissionGranted(ask: PermissionAsk, appOrigin: string): boolean {
  return (
    LOCAL_NETWORK_PERMISSIONS.has(ask.permission) &&
    ask.isMainFrame &&
    ask.requestingUrl !== undefined &&
    isSameOrigin(ask.requestingUrl, appOrigin)
  );
}
