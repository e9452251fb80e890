/** GraphiQL from this service's own files: nothing from another origin, subscriptions over
 * graphql-ws on /graphql, and the headers editor open (paste {"Authorization": "Bearer …"};
 * the same headers go in the WebSocket's connection_init payload). */
import { createGraphiQLFetcher } from "@graphiql/toolkit";
import { GraphiQL } from "graphiql";
import "graphiql/style.css";
import { createRoot } from "react-dom/client";
import { socketUrl } from "./client";
import { mendGraphiQL } from "./graphiqlAccess";
import "./graphiql.css";

const fetcher = createGraphiQLFetcher({
  url: "/graphql",
  headers: { "Apollo-Require-Preflight": "true" },
  subscriptionUrl: socketUrl(window.location),
  wsConnectionParams: {},
});

const root = document.getElementById("graphiql")!;
mendGraphiQL(root);
createRoot(root).render(
  <GraphiQL fetcher={fetcher} defaultEditorToolsVisibility="headers" isHeadersEditorEnabled shouldPersistHeaders>
    <GraphiQL.Logo>ctecr GraphiQL</GraphiQL.Logo>
  </GraphiQL>,
);
