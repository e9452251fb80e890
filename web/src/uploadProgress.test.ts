import { describe, expect, it } from "vitest";
import { parseHeaders, progressFetch } from "./uploadProgress";

describe("upload progress", () => {
  it("reads XMLHttpRequest's response headers", () => {
    const headers = parseHeaders("content-type: application/json; charset=utf-8\r\nx-request-id: a:b\r\n");
    expect(headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    expect(headers.get("x-request-id")).toBe("a:b");
    expect([...parseHeaders("").keys()]).toEqual([]);
  });
  it("leaves a request without files to fetch", async () => {
    const seen: unknown[] = [];
    const original = globalThis.fetch;
    globalThis.fetch = (async (input: unknown, init: unknown) => {
      seen.push([input, init]);
      return new Response("{}");
    }) as typeof fetch;
    try {
      await progressFetch("/graphql", { method: "POST", body: "{}" });
    } finally {
      globalThis.fetch = original;
    }
    expect(seen).toEqual([["/graphql", { method: "POST", body: "{}" }]]);
  });
});
