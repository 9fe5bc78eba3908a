import type { Factor, User } from '@supabase/supabase-js';
import { useEffect, useState } from 'react';
import { useStepRunner } from '../steps/use-step-runner.js';
import type { AdminApi } from './admin-api.js';

export interface LoadedUser {
  user: User;
  factors: Factor[];
}

/** Runs an admin action; by default the user reloads afterwards, `after` replaces that (a deleted user has nothing to reload). */
export type UserAction = (label: string, run: () => Promise<unknown>, after?: () => void) => Promise<void>;

/** What the action controls (UserActions, DeleteUserControls) are given. */
export interface UserActionProps {
  admin: AdminApi;
  user: User;
  running: boolean;
  act: UserAction;
  onDeleted(message: string): void;
}

/**
 * One user and their factors as the admin API returns them, and the actions on them: two runners,
 * so the last action's result stays on screen while the user reloads after it.
 */
export function useAdminUser(admin: AdminApi, userId: string, onChanged: () => void) {
  const loader = useStepRunner();
  const action = useStepRunner();
  const [version, setVersion] = useState(0);
  const api = admin.client.auth.admin;

  useEffect(() => {
    void loader.run('Load user', async () => {
      const { data, error } = await api.getUserById(userId);
      if (error) return { data: null, error };
      const factors = await api.mfa.listFactors({ userId });
      if (factors.error) return { data: null, error: factors.error };
      return { data: { user: data.user, factors: factors.data.factors } satisfies LoadedUser, error: null };
    });
    // loader.run changes identity every render
  }, [admin, userId, version]);

  const act: UserAction = async (label, run, after) => {
    const result = await action.run(label, run);
    if (!result.ok) return;
    if (after) return after();
    setVersion((v) => v + 1);
    onChanged();
  };

  const outcome = loader.result?.outcome;
  return {
    outcome,
    loaded: outcome?.ok ? (outcome.data as LoadedUser) : null,
    loadExchanges: loader.result?.exchanges ?? null,
    lastAction: action.result,
    running: action.running || loader.running,
    act,
  };
}
