/** Where keyboard focus goes when a form is refused, so that a keyboard or screen reader
 * user lands on what to fix instead of staying on a button far below it. */

import { useEffect, type RefObject } from "react";

/** After `problems` change to a non-empty list: the first invalid control in `container`,
 * else its first alert. */
export function useFocusProblems(container: RefObject<HTMLElement | null>, problems: readonly unknown[]): void {
  useEffect(() => {
    const root = container.current;
    if (!root || problems.length === 0) return;
    const target = root.querySelector<HTMLElement>('[aria-invalid="true"]') ?? root.querySelector<HTMLElement>('[role="alert"]');
    if (!target) return;
    if (!target.matches("input, select, textarea, button, a[href]")) target.tabIndex = -1;
    target.focus();
  }, [container, problems]);
}
