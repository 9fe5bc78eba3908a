import { useExplorer } from '../explorer/ExplorerProvider.js';
import { sendToWorkbench } from './workbench-store.js';

/**
 * Opens a token in the Tokens screen. Given `compareWith`, that token is what it is compared with;
 * otherwise the token the workbench held before is.
 */
export function SendToWorkbench({ token, compareWith, label = 'Send to Tokens' }: { token: string; compareWith?: string; label?: string }) {
  const { storage } = useExplorer();
  return (
    <button type="button" className="copy-button" onClick={() => void sendToWorkbench(storage, token, compareWith)}>
      {label}
    </button>
  );
}
