import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { loadConfig } from "./config";
import { OidcSession } from "./oidc";
import "./styles.css";

/** The config, then (with a provider) the sign-in coming back from it or this tab's user. */
async function start() {
  const config = await loadConfig();
  const oidc = config.oidc ? OidcSession.create(config.oidc, window.location.origin) : null;
  const started = oidc ? await oidc.start(new URL(window.location.href)) : null;
  if (started?.returnTo) window.history.replaceState(null, "", started.returnTo);
  return { config, oidc, problem: started?.problem ?? null };
}

const root = createRoot(document.getElementById("root")!);
start().then(
  ({ config, oidc, problem }) =>
    root.render(
      <StrictMode>
        <App config={config} oidc={oidc} problem={problem} />
      </StrictMode>,
    ),
  (error: Error) => root.render(<p role="alert">The application could not start: {error.message}</p>),
);
