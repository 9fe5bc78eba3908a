/**
 * GoTrue's 20260115000000_add_flow_state_oauth_context: since v2.186 every OAuth sign-in, implicit
 * or PKCE, keeps its context in a flow_state row whose id is the OAuth `state`; an implicit flow
 * has no code challenge and no auth code, so those columns become nullable.
 */
export default /* sql */ `
alter table auth.flow_state
  alter column code_challenge drop not null,
  alter column code_challenge_method drop not null,
  alter column auth_code drop not null;
comment on table auth.flow_state is 'Stores metadata for all OAuth/SSO login flows';
`;
