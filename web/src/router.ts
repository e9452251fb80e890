/** Client routes on the History API: the server answers index.html for each of them. */

import { useEffect, useState } from "react";

export function navigate(path: string): void {
  if (path === window.location.pathname + window.location.search) return;
  window.history.pushState(null, "", path);
  window.dispatchEvent(new PopStateEvent("popstate"));
}

/** Replaces the query string of the page shown (a filter changed): the entry is rewritten, not
 * added, so Back leaves the page instead of undoing a keystroke. */
export function replaceQuery(query: string): void {
  const { pathname, search, hash } = window.location;
  const next = pathname + (query ? `?${query}` : "") + hash;
  if (next === pathname + search + hash) return;
  window.history.replaceState(null, "", next);
  window.dispatchEvent(new PopStateEvent("popstate"));
}

/** A part of the location, read again at each navigation, Back or Forward and query change. */
function useLocationPart(read: () => string): string {
  const [value, setValue] = useState(read);
  useEffect(() => {
    const update = () => setValue(read());
    window.addEventListener("popstate", update);
    return () => window.removeEventListener("popstate", update);
  }, [read]);
  return value;
}

const pathname = () => window.location.pathname;
const search = () => window.location.search;

export const usePath = (): string => useLocationPart(pathname);

/** The query string, with its "?" (or ""). */
export const useSearch = (): string => useLocationPart(search);

export type Route =
  | { page: "home" }
  | { page: "requests" }
  | { page: "request"; id: string }
  | { page: "placement" }
  | { page: "calendar" }
  | { page: "notFound" };

export function routeOf(path: string): Route {
  if (path === "/" || path === "") return { page: "home" };
  if (path === "/requests") return { page: "requests" };
  const request = /^\/requests\/([^/]+)$/.exec(path);
  if (request) return { page: "request", id: decodeURIComponent(request[1]) };
  if (path === "/placement-survey") return { page: "placement" };
  if (path === "/fiscal-calendar") return { page: "calendar" };
  return { page: "notFound" };
}

export const requestPath = (id: string) => `/requests/${encodeURIComponent(id)}`;
