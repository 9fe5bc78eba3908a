import { UseCodeButton } from '../ui/CopyButton.js';
import type { Sms } from './inbox-api.js';

/** One captured text message, as the phone would show it, and the code GoTrue put in it. */
export function SmsView({ sms, onUseCode }: { sms: Sms; onUseCode?: ((code: string) => void) | undefined }) {
  return (
    <article className="mail sms" aria-label="SMS">
      <dl className="mail-headers">
        <dt>To</dt>
        <dd>+{sms.phone}</dd>
        <dt>Time</dt>
        <dd>{new Date(sms.createdAt).toLocaleTimeString()}</dd>
      </dl>
      <p className="sms-bubble">{sms.body}</p>
      {sms.otp && (
        <dl className="mail-auth">
          <dt>Code</dt>
          <dd>
            <code className="otp" aria-label="Code in the SMS">{sms.otp}</code> <UseCodeButton code={sms.otp} onUse={onUseCode} />
          </dd>
        </dl>
      )}
    </article>
  );
}
