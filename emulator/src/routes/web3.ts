import type { Ctx } from '../http/env.js';
import { readBody } from '../http/request.js';
import { AuthError, badRequest, unprocessable } from '../errors.js';
import { z } from 'zod';
import { str } from './params.js';

const Web3Body = z.object({ message: str(), signature: str(), chain: str() });

const CHAINS = {
  solana: { name: 'Solana', setting: 'externalWeb3SolanaEnabled' },
  ethereum: { name: 'Ethereum', setting: 'externalWeb3EthereumEnabled' },
} as const;

/**
 * POST /token?grant_type=web3 — GoTrue's Web3Grant up to the point where it checks the wallet's
 * signature (SIWS for Solana, SIWE for Ethereum), which authlab does not emulate: a chain that is
 * switched on answers 422 not_emulated instead of pretending the signature was good or bad.
 */
export async function web3Grant(c: Ctx) {
  const config = c.var.services.config;
  // as GoTrue: with both chains off this answer comes before the body is even read
  if (!config.externalWeb3SolanaEnabled && !config.externalWeb3EthereumEnabled) {
    throw unprocessable('web3_provider_disabled', 'Web3 provider is disabled');
  }
  const body = await readBody(c, Web3Body);
  const chain = Object.hasOwn(CHAINS, body.chain) ? CHAINS[body.chain as keyof typeof CHAINS] : undefined;
  if (!chain) throw badRequest('web3_unsupported_chain', 'Unsupported chain');
  if (!config[chain.setting]) throw unprocessable('web3_provider_disabled', `${chain.name} Web3 provider is disabled`);
  throw new AuthError(
    // not 501: supabase-js takes every 5xx for a network fault and retries it as such
    422,
    'not_emulated',
    `authlab: Sign in with ${chain.name} is switched on, but authlab cannot verify wallet signatures; ` +
      `test it against a real Supabase stack, or switch it off to get GoTrue's "disabled" answers`,
  );
}
