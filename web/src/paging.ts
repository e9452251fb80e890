/** A connection read page by page ("Load more") and, for a live list, kept current by reading
 * the pages shown again: keyset cursors give pages that never repeat or skip an item, so the
 * reread list has the new items in their place, lacks those that left and holds none twice. */

export interface PageOf<T> {
  items: T[];
  endCursor: string | null;
  hasNextPage: boolean;
  totalCount: number;
}

export type FetchPage<T> = (after: string | null) => Promise<PageOf<T>>;

/** `loaded` followed by `page`, leaving out what is already shown. */
export function appendPage<T extends { id: string }>(loaded: PageOf<T> | null, page: PageOf<T>): PageOf<T> {
  const shown = new Set((loaded?.items ?? []).map((item) => item.id));
  return {
    items: [...(loaded?.items ?? []), ...page.items.filter((item) => !shown.has(item.id))],
    endCursor: page.endCursor ?? loaded?.endCursor ?? null,
    hasNextPage: page.hasNextPage,
    totalCount: page.totalCount,
  };
}

/** The list as it is now, from its start to at least as far as `previous` reached: as many
 * items and up to its last item's place (`compare` orders two items as the list does), so
 * that a reread neither shortens what a person has loaded nor cuts off what they were at. */
export async function reread<T extends { id: string }>(
  fetchPage: FetchPage<T>,
  previous: PageOf<T> | null,
  compare: (a: T, b: T) => number,
): Promise<PageOf<T>> {
  const mark = previous?.items.at(-1);
  let loaded = appendPage<T>(null, await fetchPage(null));
  for (;;) {
    const last = loaded.items.at(-1);
    const farEnough = !mark || (loaded.items.length >= previous!.items.length && !!last && compare(last, mark) >= 0);
    if (!loaded.hasNextPage || farEnough) return loaded;
    loaded = appendPage(loaded, await fetchPage(loaded.endCursor));
  }
}

/** Runs tasks one after another, each on the state the one before left; a task asked for
 * under a key that is already waiting replaces it (a burst of live events makes one reread). */
export class Serial {
  private running = false;
  private readonly waiting = new Map<string, () => Promise<void>>();

  run(key: string, task: () => Promise<void>): void {
    this.waiting.delete(key);
    this.waiting.set(key, task);
    if (!this.running) void this.drain();
  }

  private async drain(): Promise<void> {
    this.running = true;
    for (let next = this.take(); next; next = this.take()) {
      await next().catch(() => undefined);
    }
    this.running = false;
  }

  private take(): (() => Promise<void>) | undefined {
    const [key, task] = this.waiting.entries().next().value ?? [];
    if (key !== undefined) this.waiting.delete(key);
    return task;
  }
}
