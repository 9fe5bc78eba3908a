import type { User } from '@supabase/supabase-js';
import { OutcomeView } from '../steps/OutcomeView.js';
import type { StepResult } from '../steps/use-step-runner.js';
import { ExchangeList } from '../wire/ExchangeList.js';
import { statusOf, userLabel } from './format.js';
import { STATUS_LABEL } from './StatusBadge.js';

/** The outcome of the last admin action on a user, summed up in a line, with its HTTP exchanges. */
export function LastAction({ result }: { result: StepResult }) {
  return (
    <div className="result" aria-label="Last action">
      <p className="muted small">Last action: {result.label}</p>
      <OutcomeView outcome={result.outcome} renderData={(data) => <ActionSummary label={result.label} data={data} />} />
      <ExchangeList entries={result.exchanges} />
    </div>
  );
}

/** One line about what an action did, instead of the raw answer. */
function ActionSummary({ label, data }: { label: string; data: unknown }) {
  if (label.startsWith('Send')) {
    return (
      <p className="small">
        GoTrue answered 200 and sent the mail: see it in the <a href="#/inbox">Inbox</a>.
      </p>
    );
  }
  if (label === 'Generate magic link') {
    const link = (data as { properties?: { action_link?: string } }).properties?.action_link;
    return (
      <p className="small">
        generate_link sends no mail; the link is yours to deliver: <code className="mail-token">{link}</code>
      </p>
    );
  }
  const user = (data as { user?: User | null } | null)?.user;
  if (user && label === 'Save metadata') return <p className="small">Saved the metadata of {userLabel(user)}.</p>;
  if (user) return <p className="small">{userLabel(user)} is now {STATUS_LABEL[statusOf(user)]}.</p>;
  return null;
}
