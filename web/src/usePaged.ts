/** A paged connection in a component: the first page, "Load more", a reread of what is shown
 * (for live lists), everything (for a download); all in turn, on the latest state. */

import { useCallback, useEffect, useRef, useState } from "react";
import { CombinedError, useClient, type AnyVariables, type TypedDocumentNode } from "urql";
import { appendPage, reread, Serial, type PageOf } from "./paging";

export interface Paged<T> {
  loaded: PageOf<T> | null;
  error: CombinedError | null;
  /** What is being read now, for a progress message. */
  busy: "list" | "more" | "all" | null;
  loadMore: () => void;
  refresh: () => void;
  /** Reads every remaining page, then hands the whole list over. */
  loadAll: (done: (items: T[]) => void) => void;
}

export function usePaged<Data, Variables extends AnyVariables, T extends { id: string }>(
  query: TypedDocumentNode<Data, Variables>,
  variables: (after: string | null) => Variables,
  pageOf: (data: Data) => PageOf<T>,
  /** Changing it starts the list again (new filters). */
  key: string,
  /** The list's order, for a reread (`refresh`) to reach as far as before. */
  compare: (a: T, b: T) => number = () => 0,
): Paged<T> {
  const client = useClient();
  const [loaded, setLoaded] = useState<PageOf<T> | null>(null);
  const [error, setError] = useState<CombinedError | null>(null);
  const [busy, setBusy] = useState<Paged<T>["busy"]>("list");
  const current = useRef<PageOf<T> | null>(null);
  const serial = useRef<Serial | null>(null);
  const actions = useRef<Pick<Paged<T>, "refresh" | "loadMore" | "loadAll">>({ refresh: () => {}, loadMore: () => {}, loadAll: () => {} });
  const args = useRef({ variables, pageOf, compare });
  args.current = { variables, pageOf, compare };

  const fetchPage = useCallback(
    async (after: string | null) => {
      const result = await client.query(query, args.current.variables(after), { requestPolicy: "network-only" }).toPromise();
      if (result.error || !result.data) throw result.error ?? new CombinedError({ networkError: new Error("no data") });
      return args.current.pageOf(result.data);
    },
    [client, query],
  );

  useEffect(() => {
    // A new list (filters changed): tasks of the old one finish without touching this one.
    const serialNow = new Serial();
    serial.current = serialNow;
    current.current = null;
    setLoaded(null);
    setError(null);
    const step = (name: Paged<T>["busy"], work: () => Promise<PageOf<T>>) => async () => {
      setBusy(name);
      try {
        const next = await work();
        if (serial.current !== serialNow) return;
        current.current = next;
        setLoaded(next);
        setError(null);
      } catch (e) {
        if (serial.current === serialNow) setError(e instanceof CombinedError ? e : new CombinedError({ networkError: e as Error }));
      } finally {
        if (serial.current === serialNow) setBusy(null);
      }
    };
    actions.current = {
      refresh: () => serialNow.run("reread", step(current.current ? null : "list", () => reread(fetchPage, current.current, args.current.compare))),
      loadMore: () =>
        serialNow.run(
          "more",
          step("more", async () => (current.current?.hasNextPage ? appendPage(current.current, await fetchPage(current.current.endCursor)) : current.current!)),
        ),
      loadAll: (done) =>
        serialNow.run(
          "all",
          step("all", async () => {
            let all = current.current ?? (await fetchPage(null));
            while (all.hasNextPage) {
              all = appendPage(all, await fetchPage(all.endCursor));
              if (serial.current === serialNow) setLoaded(all);
            }
            done(all.items);
            return all;
          }),
        ),
    };
    actions.current.refresh();
  }, [key, fetchPage]);

  const refresh = useCallback(() => actions.current.refresh(), []);
  const loadMore = useCallback(() => actions.current.loadMore(), []);
  const loadAll = useCallback((done: (items: T[]) => void) => actions.current.loadAll(done), []);
  return { loaded, error, busy, loadMore, refresh, loadAll };
}
