import type { PasskeyListItem, Session } from '@supabase/supabase-js';
import type { ReactNode } from 'react';
import { SessionSummary } from '../jwt/AmrView.js';
import { DataTable } from '../ui/DataTable.js';
import {
  decodeClientData,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
  type ServerCredentialCreationOptions,
  type ServerCredentialRequestOptions,
} from './ceremony.js';

/** What POST /passkeys/{registration,authentication}/options answers. */
export interface Challenge<Options> {
  challenge_id: string;
  options: Options;
  expires_at: number;
}

function Row({ name, children }: { name: string; children: ReactNode }) {
  return (
    <tr>
      <th>{name}</th>
      <td>{children}</td>
    </tr>
  );
}

function Expires({ at }: { at: number }) {
  return (
    <>
      <code>{new Date(at * 1000).toLocaleTimeString()}</code>{' '}
      <span className="muted small">(the challenge is single use and expires; verify before then)</span>
    </>
  );
}

/** The creation options GoTrue made: who the relying party is, whom the key is for, what it must be. */
export function CreationOptionsView({ data }: { data: unknown }) {
  const { challenge_id, options, expires_at } = data as Challenge<ServerCredentialCreationOptions>;
  const selection = options.authenticatorSelection;
  return (
    <table className="compare" aria-label="Registration options">
      <tbody>
        <Row name="challenge_id">
          <code>{challenge_id}</code>
        </Row>
        <Row name="challenge">
          <code aria-label="Registration challenge">{options.challenge}</code>
        </Row>
        <Row name="rp">
          <code aria-label="Relying party">{options.rp.id ?? '(page host)'}</code> “{options.rp.name}”
        </Row>
        <Row name="user">
          {options.user.name} <span className="muted small">(id {options.user.id}, the user handle a discoverable key keeps)</span>
        </Row>
        <Row name="algorithms">{options.pubKeyCredParams.map((p) => p.alg).join(', ')}</Row>
        <Row name="residentKey">
          <code>{selection?.residentKey ?? '—'}</code> · userVerification <code>{selection?.userVerification ?? '—'}</code>
        </Row>
        <Row name="excludeCredentials">{options.excludeCredentials?.length ?? 0} (the user’s passkeys, so an authenticator never registers twice)</Row>
        <Row name="expires">
          <Expires at={expires_at} />
        </Row>
      </tbody>
    </table>
  );
}

function ClientDataRows({ clientDataJSON }: { clientDataJSON: string }) {
  const client = decodeClientData(clientDataJSON);
  if (!client) return <Row name="clientDataJSON">(not JSON)</Row>;
  return (
    <>
      <Row name="clientData.type">
        <code>{client.type}</code>
      </Row>
      <Row name="clientData.challenge">
        <code aria-label="Signed challenge">{client.challenge}</code>
      </Row>
      <Row name="clientData.origin">
        <code aria-label="Signed origin">{client.origin}</code> <span className="muted small">(must be one of rp_origins)</span>
      </Row>
    </>
  );
}

/** The new credential as the browser made it, decoded where the relying party will look. */
export function CredentialView({ data }: { data: unknown }) {
  const credential = data as RegistrationResponseJSON;
  return (
    <table className="compare" aria-label="New credential">
      <tbody>
        <Row name="credential id">
          <code aria-label="Credential id">{credential.id}</code>
        </Row>
        <ClientDataRows clientDataJSON={credential.response.clientDataJSON} />
        <Row name="attestationObject">
          <code>{credential.response.attestationObject.slice(0, 24)}…</code> <span className="muted small">(the public key, signed by the authenticator)</span>
        </Row>
        <Row name="transports">{credential.response.transports?.join(', ') || '—'}</Row>
        <Row name="attachment">{credential.authenticatorAttachment ?? '—'}</Row>
      </tbody>
    </table>
  );
}

export function PasskeyList({ data }: { data: unknown }) {
  const passkeys = (Array.isArray(data) ? data : [data]) as PasskeyListItem[];
  return (
    <DataTable
      label="Passkeys"
      empty="No passkeys."
      rows={passkeys}
      rowKey={(p) => p.id}
      columns={[
        { header: 'id', cell: (p) => <code>{p.id.slice(0, 8)}…</code> },
        { header: 'friendly_name', cell: (p) => p.friendly_name || '—' },
        { header: 'created_at', cell: (p) => new Date(p.created_at).toLocaleTimeString() },
        { header: 'last_used_at', cell: (p) => (p.last_used_at ? new Date(p.last_used_at).toLocaleTimeString() : 'never') },
      ]}
    />
  );
}

export interface PasskeySignIn {
  challenge: Challenge<ServerCredentialRequestOptions>;
  assertion: AuthenticationResponseJSON;
  session: Session | null;
}

/** The sign-in ceremony in three parts: the server's challenge, the browser's signed answer, the session. */
export function PasskeySignInView({ data }: { data: unknown }) {
  const { challenge, assertion, session } = data as PasskeySignIn;
  return (
    <div>
      <table className="compare" aria-label="Passkey sign-in">
        <tbody>
          <Row name="challenge">
            <code>{challenge.options.challenge}</code>
          </Row>
          <Row name="allowCredentials">
            {challenge.options.allowCredentials?.length ?? 0} <span className="muted small">(none: any discoverable passkey for this rp may answer; no email typed)</span>
          </Row>
          <Row name="credential id">
            <code aria-label="Asserting credential">{assertion.id}</code>
          </Row>
          <ClientDataRows clientDataJSON={assertion.response.clientDataJSON} />
          <Row name="userHandle">
            <code>{assertion.response.userHandle ?? '—'}</code> <span className="muted small">(tells GoTrue whose passkey it is)</span>
          </Row>
        </tbody>
      </table>
      <SessionSummary data={{ session }} />
    </div>
  );
}
