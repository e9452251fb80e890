/** The GraphQL client: queries and mutations over HTTP (multipart when files are attached),
 * subscriptions over graphql-ws on the same origin. In production every document goes by its
 * hash only (the server accepts only the documents of persisted-documents.json). */

import { persistedExchange } from "@urql/exchange-persisted";
import { Client, cacheExchange, fetchExchange, subscriptionExchange, type Exchange } from "urql";
import { createClient as createWsClient, type Client as WsClient } from "graphql-ws";
import { progressFetch } from "./uploadProgress";

/** The plain hex sha256 of a document's text, as extensions.persistedQuery.sha256Hash carries
 * it (persisted-documents.json keys the same hash as "sha256:<hex>", the documentId form). */
export function documentHash(document: unknown): string | undefined {
  return (document as { __meta__?: { hash?: string } }).__meta__?.hash?.replace(/^sha256:/, "");
}

export function socketUrl(location: Location): string {
  return `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}/graphql`;
}

/** "connected" each time the WebSocket is acknowledged: pages reload what they show then, so
 * that nothing written between their first load and their subscription goes unseen. */
export const socketEvents = new EventTarget();

export interface Connection {
  client: Client;
  socket: WsClient;
  /** Sends a renewed access token from now on. The socket's connection carries the token it
   * opened with, and the server closes it at that token's expiry: it is closed at once and
   * its subscriptions resume (live.ts) on a new one with the new token. */
  renew(token: string): void;
}

export function connect(initialToken: string, production: boolean): Connection {
  let token = initialToken;
  const socket = createWsClient({
    url: socketUrl(window.location),
    connectionParams: () => ({ Authorization: `Bearer ${token}` }),
    lazy: true,
    // A dropped socket ends each subscription with an error; live.ts resubscribes with
    // `after` (graphql-ws's own retry would resend the first `after` and miss nothing only
    // by replaying everything since).
    retryAttempts: 0,
    on: { connected: () => socketEvents.dispatchEvent(new Event("connected")) },
  });
  const exchanges: Exchange[] = [cacheExchange];
  if (production) {
    exchanges.push(
      persistedExchange({
        enforcePersistedQueries: true,
        preferGetForPersistedQueries: false, // the server refuses operations by GET
        enableForMutation: true,
        enableForSubscriptions: false,
        generateHash: async (_query, document) => documentHash(document) ?? "",
      }),
    );
  }
  exchanges.push(
    fetchExchange,
    subscriptionExchange({
      forwardSubscription(request) {
        const input = { ...request, query: request.query || "" };
        return {
          subscribe(sink) {
            return { unsubscribe: socket.subscribe(input, sink) };
          },
        };
      },
    }),
  );
  const client = new Client({
    url: "/graphql",
    exchanges,
    preferGetMethod: false,
    fetch: progressFetch, // uploads report how much is sent
    requestPolicy: "cache-and-network",
    fetchOptions: () => ({
      headers: { Authorization: `Bearer ${token}`, "Apollo-Require-Preflight": "true" },
    }),
  });
  const renew = (next: string) => {
    if (next === token) return;
    token = next;
    socket.terminate();
  };
  return { client, socket, renew };
}
