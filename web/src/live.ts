/** Live events of the change requests the viewer may see. A dropped subscription (lost
 * connection, server restart, 4008 for a slow subscriber) resumes with `after` the last event
 * seen, so nothing is missed; `onResume` lets a page reload what it shows after a gap, and
 * once the socket is acknowledged (covering what happened before the subscription began). */

import { useEffect, useRef } from "react";
import { useClient } from "urql";
import { pipe, subscribe } from "wonka";
import { graphql } from "./gql";
import { EventCursor } from "./eventCursor";
import { socketEvents } from "./client";

const LiveEvents = graphql(`
  subscription LiveEvents($after: ID) {
    changeRequestEvents(after: $after) {
      id
      kind
      changeRequest {
        id
      }
    }
  }
`);

export interface LiveEvent {
  id: string;
  kind: string;
  changeRequestId: string;
}

export function useLiveEvents(onEvent: (event: LiveEvent) => void, onResume: () => void): void {
  const client = useClient();
  const handlers = useRef({ onEvent, onResume });
  handlers.current = { onEvent, onResume };
  useEffect(() => {
    const cursor = new EventCursor();
    let stopped = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let unsubscribe = () => {};
    let delay = 500;
    const start = (resumed: boolean) => {
      if (resumed) handlers.current.onResume();
      const source = client.subscription(LiveEvents, { after: cursor.after });
      ({ unsubscribe } = pipe(
        source,
        subscribe((result) => {
          const event = result.data?.changeRequestEvents;
          if (event && cursor.accept(event.id)) {
            delay = 500;
            handlers.current.onEvent({ id: event.id, kind: event.kind, changeRequestId: event.changeRequest.id });
          }
          if (result.error && !stopped) {
            unsubscribe();
            retry = setTimeout(() => start(true), delay);
            delay = Math.min(delay * 2, 10000);
          }
        }),
      ));
    };
    const connected = () => {
      delay = 500; // the server took the connection: the next drop starts the backoff again
      handlers.current.onResume();
    };
    socketEvents.addEventListener("connected", connected);
    start(false);
    return () => {
      socketEvents.removeEventListener("connected", connected);
      stopped = true;
      clearTimeout(retry);
      unsubscribe();
    };
  }, [client]);
}
