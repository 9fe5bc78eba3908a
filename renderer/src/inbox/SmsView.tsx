import type { Sms } from './inbox-api.js';

/** One captured text message, as the phone would show it, and the code GoTrue put in it. */
export function SmsView({ sms }: { sms: Sms }) {
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
            <code className="otp" aria-label="Code in the SMS">{sms.otp}</code>
          </dd>
        </dl>
      )}
    </article>
  );
}
