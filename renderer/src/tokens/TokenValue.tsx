import { CopyButton } from '../ui/CopyButton.js';
import { maskSecret } from '../wire/mask.js';
import { SendToWorkbench } from './SendToWorkbench.js';

const JWT = /^eyJ[\w-]*\.[\w-]*\.[\w-]*$/;

/**
 * A token as a result shows it: masked on screen, but one click copies the whole value, and a JWT
 * opens in the Tokens screen. A kept result's tokens are already masked: nothing to copy then.
 */
export function TokenValue({ name, value }: { name: string; value: string }) {
  const masked = value.endsWith('…');
  return (
    <span className="code-actions">
      <code aria-label={name}>{masked ? value : maskSecret(value)}</code>
      {!masked && <CopyButton value={value} what={name} />}
      {JWT.test(value) && <SendToWorkbench token={value} label={`Send ${name} to Tokens`} />}
    </span>
  );
}
