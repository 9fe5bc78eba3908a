import { useId } from 'react';
import { StepResultBlock } from '../steps/StepResultBlock.js';
import { useStepRunner } from '../steps/use-step-runner.js';
import { RedirectView } from './OAuthServerViews.js';

interface Props {
  disabled: boolean;
  decide(approve: boolean): Promise<unknown>;
}

/** The consent page's two buttons: both answer a redirect URL for the client, with a code or an error. */
export function ConsentStep({ disabled, decide }: Props) {
  const headingId = useId();
  const runner = useStepRunner();
  return (
    <section className="step" aria-labelledby={headingId}>
      <h3 id={headingId}>Approve or deny</h3>
      <p className="why">
        oauth.approveAuthorization / denyAuthorization(authorization_id, {'{'} skipBrowserRedirect: true {'}'}) → POST
        /oauth/authorizations/{'{id}'}/consent with <code>{'{"action":"approve"}'}</code> or <code>deny</code>. GoTrue answers the
        client’s redirect URI with <code>?code=&amp;state=</code> (approve: it also records the grant) or{' '}
        <code>?error=access_denied</code>. supabase-js would send the browser there; the explorer reads the URL instead.
      </p>
      <div className="row">
        <button type="button" className="primary" disabled={runner.running || disabled} onClick={() => void runner.run('Approve', () => decide(true))}>
          Approve
        </button>{' '}
        <button type="button" disabled={runner.running || disabled} onClick={() => void runner.run('Deny', () => decide(false))}>
          Deny
        </button>
      </div>
      <StepResultBlock
        result={runner.result}
        note={runner.result && <p className="small muted">{runner.result.label}:</p>}
        renderData={(d) => <RedirectView redirectUrl={(d as { redirect_url: string }).redirect_url} />}
      />
    </section>
  );
}
