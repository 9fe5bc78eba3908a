import type { UserStatus } from './format.js';

/** How a status reads to a person; the list, the detail head and the action summaries share it. */
export const STATUS_LABEL: Record<UserStatus, string> = {
  confirmed: 'confirmed',
  unconfirmed: 'waiting for verification',
  banned: 'banned',
  deleted: 'soft-deleted',
  anonymous: 'anonymous',
};

export function StatusBadge({ status }: { status: UserStatus }) {
  return <span className={`status-badge status-${status}`}>{STATUS_LABEL[status]}</span>;
}
