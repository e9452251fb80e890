/** Progress of a request that carries files. fetch cannot tell how much of a body it has sent,
 * so a multipart body (files attached) goes by XMLHttpRequest, whose `upload` reports it;
 * every other request is plain fetch. A 50 MB transcript upload then shows how far it is. */

import { useEffect, useState } from "react";

export interface Sent {
  loaded: number;
  total: number;
}

const uploads = new EventTarget();

/** Response headers from XMLHttpRequest's "name: value" lines. */
export function parseHeaders(raw: string): Headers {
  const headers = new Headers();
  for (const line of raw.trim().split(/[\r\n]+/)) {
    const at = line.indexOf(":");
    if (at > 0) headers.append(line.slice(0, at).trim(), line.slice(at + 1).trim());
  }
  return headers;
}

function report(sent: Sent | null): void {
  uploads.dispatchEvent(new CustomEvent<Sent | null>("progress", { detail: sent }));
}

export const progressFetch: typeof fetch = (input, init) => {
  if (!(init?.body instanceof FormData)) return fetch(input, init);
  const body = init.body;
  return new Promise<Response>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(init.method ?? "POST", input instanceof Request ? input.url : String(input));
    new Headers(init.headers).forEach((value, name) => xhr.setRequestHeader(name, value));
    xhr.responseType = "blob";
    xhr.upload.onprogress = (e) => report({ loaded: e.loaded, total: e.lengthComputable ? e.total : 0 });
    xhr.onload = () => {
      report(null);
      resolve(new Response(xhr.response as Blob, { status: xhr.status, statusText: xhr.statusText, headers: parseHeaders(xhr.getAllResponseHeaders()) }));
    };
    xhr.onerror = () => {
      report(null);
      reject(new TypeError("The upload failed: the service could not be reached."));
    };
    xhr.onabort = () => {
      report(null);
      reject(new DOMException("The upload was stopped.", "AbortError"));
    };
    init.signal?.addEventListener("abort", () => xhr.abort());
    xhr.send(body);
  });
};

/** How much of the current upload has been sent; null when none is under way. */
export function useUploadProgress(): Sent | null {
  const [sent, setSent] = useState<Sent | null>(null);
  useEffect(() => {
    const update = (e: Event) => setSent((e as CustomEvent<Sent | null>).detail);
    uploads.addEventListener("progress", update);
    return () => uploads.removeEventListener("progress", update);
  }, []);
  return sent;
}

