/** Following the live event stream across reconnects: remember the last event seen, so that a
 * new subscription resumes with `after` (nothing missed), and drop events seen already (the
 * replay after a reconnect may repeat some). */

export class EventCursor {
  private seen = new Set<string>();
  private last: string | null = null;

  constructor(private readonly limit = 5000) {}

  /** The `after` argument of the next subscription. */
  get after(): string | null {
    return this.last;
  }

  /** True the first time an event id is seen. */
  accept(id: string): boolean {
    if (this.seen.has(id)) return false;
    this.seen.add(id);
    this.last = id;
    if (this.seen.size > this.limit) {
      const oldest = this.seen.values().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
    return true;
  }
}
