import { useEffect, useState } from 'react';
import { useStepRunner } from '../steps/use-step-runner.js';

/**
 * A list an admin view pages through (users, audit entries): loads the current page for the applied
 * search, again after a search or a reload, and keeps the call's outcome and exchanges.
 */
export function usePagedList<Page>(label: string, load: (page: number, query: string) => Promise<unknown>, source: unknown) {
  const [page, setPage] = useState(1);
  const [applied, setApplied] = useState('');
  const [version, setVersion] = useState(0);
  const runner = useStepRunner();

  useEffect(() => {
    void runner.run(label, () => load(page, applied));
    // runner.run and load change identity every render; these are what the list depends on
  }, [source, page, applied, version]);

  const outcome = runner.result?.outcome;
  return {
    runner,
    outcome,
    data: outcome?.ok ? (outcome.data as Page) : null,
    page,
    applied,
    /** Starts again at page 1 for this query (even the same one: a search is also a reload). */
    search(query: string) {
      setPage(1);
      setApplied(query);
      setVersion((v) => v + 1);
    },
    reload: () => setVersion((v) => v + 1),
    previous: () => setPage((p) => p - 1),
    next: () => setPage((p) => p + 1),
  };
}
