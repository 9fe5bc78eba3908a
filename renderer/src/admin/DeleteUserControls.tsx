import { useState } from 'react';
import { userLabel } from './format.js';
import type { UserActionProps } from './use-admin-user.js';

/** Deleting asks twice: a hard delete cannot be undone. */
export function DeleteUserControls({ admin, user, running, act, onDeleted }: UserActionProps) {
  const [soft, setSoft] = useState(false);
  const [confirming, setConfirming] = useState(false);
  return (
    <div className="row">
      <label className="inline">
        <input type="checkbox" checked={soft} onChange={(e) => setSoft(e.target.checked)} /> Soft delete (keep the row, scramble
        the email and phone)
      </label>
      {!confirming ? (
        <button type="button" className="danger" disabled={running} onClick={() => setConfirming(true)}>
          Delete user…
        </button>
      ) : (
        <>
          <button
            type="button"
            className="danger primary-danger"
            disabled={running}
            onClick={() =>
              void act(soft ? 'Soft delete' : 'Delete', () => admin.client.auth.admin.deleteUser(user.id, soft), () =>
                onDeleted(`${soft ? 'Soft-deleted' : 'Deleted'} ${userLabel(user)}.`),
              )
            }
          >
            {soft ? 'Yes, soft delete' : 'Yes, delete for good'}
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </>
      )}
    </div>
  );
}
