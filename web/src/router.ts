/** Client routes on the History API: the server answers index.html for each of them. */

import { useEffect, useState } from "react";

export function navigate(path: string): void {
  if (path === window.location.pathname + window.location.search) return;
  window.history.pushState(null, "", path);
  window.dispatchEvent(new PopStateEvent("popstate"));
}

export function usePath(): string {
  const [path, setPath] = useState(window.location.pathname);
  useEffect(() => {
    const update = () => setPath(window.location.pathname);
    window.addEventListener("popstate", update);
    return () => window.removeEventListener("popstate", update);
  }, []);
  return path;
}

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
