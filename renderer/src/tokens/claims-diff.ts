export type ClaimChange = 'added' | 'removed' | 'changed' | 'same';

export interface ClaimDiff {
  claim: string;
  change: ClaimChange;
  before?: unknown;
  after?: unknown;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Claim by claim, in the order the claims first appear: what a refresh or a step up changed. */
export function diffClaims(before: Record<string, unknown>, after: Record<string, unknown>): ClaimDiff[] {
  const claims = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return claims.map((claim) => {
    const inBefore = Object.hasOwn(before, claim);
    const inAfter = Object.hasOwn(after, claim);
    if (!inBefore) return { claim, change: 'added', after: after[claim] };
    if (!inAfter) return { claim, change: 'removed', before: before[claim] };
    return { claim, change: same(before[claim], after[claim]) ? 'same' : 'changed', before: before[claim], after: after[claim] };
  });
}
