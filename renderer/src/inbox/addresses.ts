import type { Address } from './inbox-api.js';

/** As a mail client shows a recipient: `Ada Lovelace <ada@example.com>`, or the bare address without a name. */
export const formatAddress = (a: Address): string => (a.Name ? `${a.Name} <${a.Address}>` : a.Address);

export const formatAddresses = (list: readonly Address[]): string => list.map(formatAddress).join(', ') || '(no recipient)';
