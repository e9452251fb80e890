import { useEffect, useRef } from "react";
import type { Paged } from "../usePaged";
import { Busy } from "./Problems";

/** "Load more" under a paged list, with how much is shown. The button stays enabled while it
 * loads (clicks then do nothing), so that keyboard focus stays on it; when the last page
 * comes and the button goes, focus moves to the count rather than being lost. */
export function LoadMore<T>(props: { list: Paged<T>; what: string }) {
  const { loaded, busy } = props.list;
  const count = useRef<HTMLParagraphElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const hadFocus = useRef(false);
  const more = loaded?.hasNextPage ?? false;
  useEffect(() => {
    if (busy !== null) return;
    if (!more && hadFocus.current) count.current?.focus();
    hadFocus.current = false;
  }, [more, busy]);
  if (!loaded) return null;
  return (
    <div className="load-more">
      <p className="muted" ref={count} tabIndex={-1} aria-live="polite">
        Showing {loaded.items.length} of {loaded.totalCount} {props.what}.
      </p>
      {more && (
        <button
          ref={button}
          type="button"
          aria-disabled={busy !== null || undefined}
          onClick={() => {
            if (busy !== null) return;
            hadFocus.current = document.activeElement === button.current;
            props.list.loadMore();
          }}
        >
          Load more
        </button>
      )}
      {busy === "more" && <Busy label={`Loading more ${props.what}…`} />}
    </div>
  );
}
