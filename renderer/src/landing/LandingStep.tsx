import { useEffect, useId, useRef, type ReactNode } from 'react';
import { StepResultBlock } from '../steps/StepResultBlock.js';
import { useStepRunner } from '../steps/use-step-runner.js';
import { useNowSeconds } from '../jwt/use-now.js';
import { TimeNote } from '../tokens/ClaimsTable.js';
import { TokenValue } from '../tokens/TokenValue.js';
import { maskSecret } from '../wire/mask.js';
import type { Landing, LandingParams } from './landing.js';
import { FactsTable } from '../ui/FactsTable.js';

interface Props {
  title: string;
  why: ReactNode;
  /** Shown until the user comes back from the link. */
  waiting: ReactNode;
  landing: Landing | null;
  /** What the app does with what the link brought back; errors from the redirect are shown as they are. */
  handle(params: Exclude<LandingParams, { kind: 'error' }>): Promise<unknown>;
  renderData?(data: unknown): ReactNode;
}

/** The address the link ended at, secrets masked. */
function maskedHref(href: string): string {
  return href.replace(/([?#&](?:access_token|refresh_token|provider_token|provider_refresh_token|code)=)([^&#]+)/g, (_, name: string, value: string) => `${name}${maskSecret(value)}`);
}

function Received({ params }: { params: LandingParams }) {
  const now = useNowSeconds();
  const token = (name: string, value: string): [string, ReactNode] => [name, <TokenValue name={name} value={value} />];
  const rows: [string, ReactNode][] =
    params.kind === 'session'
      ? [
          token('access_token', params.accessToken),
          token('refresh_token', params.refreshToken),
          [
            'expires_at',
            <>
              <code>{params.expiresAt}</code> <TimeNote claim="exp" value={Number(params.expiresAt) || undefined} now={now} />
            </>,
          ],
          ['type', params.type],
          ...(params.providerToken ? [token('provider_token', params.providerToken)] : []),
          ...(params.providerRefreshToken ? [token('provider_refresh_token', params.providerRefreshToken)] : []),
        ]
      : params.kind === 'code'
        ? [
            ['code', params.code],
            ['sb_flow_id', params.flowId ?? '(none)'],
          ]
        : params.kind === 'error'
          ? [
              ['error', params.error],
              ['error_code', params.errorCode],
              ['error_description', params.description],
            ]
          : [['message', params.message]];
  const where = params.kind === 'code' ? 'query (?code=)' : 'fragment (#…)';
  return (
    <FactsTable
      label="What the link brought back"
      className="compare landing-params"
      caption={<>in the URL {where}</>}
      rows={rows.map(([name, value]) => [name, typeof value === 'string' ? <code>{value}</code> : value])}
    />
  );
}

/**
 * The step that happens on return from a mail link: it runs by itself, once, as an app's start-up
 * code would, and shows what the URL carried and the calls supabase-js made with it.
 */
export function LandingStep({ title, why, waiting, landing, handle, renderData }: Props) {
  const headingId = useId();
  const runner = useStepRunner();
  const started = useRef(false);

  useEffect(() => {
    if (!landing || landing.claimed || started.current) return;
    started.current = true;
    landing.claimed = true;
    const { params } = landing;
    void runner.run(title, () =>
      params.kind === 'error'
        ? Promise.resolve({ data: null, error: { code: params.errorCode || params.error, message: params.description || params.error } })
        : handle(params),
    );
    // runs once per landing: the code in it can be spent only once
    // (handle and runner change identity every render)
  }, [landing]);

  return (
    <section className="step landing" aria-labelledby={headingId}>
      <h3 id={headingId}>{title}</h3>
      <p className="why">{why}</p>
      {!landing && <p className="muted">{waiting}</p>}
      {landing && (
        <>
          <p className="small">
            The link brought the browser back to <code className="landing-href">{maskedHref(landing.href)}</code>
          </p>
          <Received params={landing.params} />
          {runner.running && <p className="muted">Running…</p>}
          {!runner.result && !runner.running && started.current === false && (
            <p className="muted">Already handled when it came back (what it carried can be used only once).</p>
          )}
          {/* the step ran by itself when the page opened: focus stays where the reader is */}
          <StepResultBlock result={runner.result} renderData={renderData} takeFocus={false} />
        </>
      )}
    </section>
  );
}
