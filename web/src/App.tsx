import { useEffect, useMemo, useRef, useState } from "react";
import { Provider, useQuery } from "urql";
import type { AppConfig } from "./config";
import { connect } from "./client";
import { graphql, getFragmentData, type FragmentType } from "./gql";
import { navigate, routeOf, usePath } from "./router";
import type { OidcSession } from "./oidc";
import { storeToken, storedToken } from "./session";
import { SessionContext } from "./session-context";
import { SignIn } from "./components/SignIn";
import { FindRecords } from "./components/FindRecords";
import { RequestList } from "./components/RequestList";
import { RequestDetail } from "./components/RequestDetail";
import { PlacementSurvey } from "./components/PlacementSurvey";
import { FiscalCalendar } from "./components/FiscalCalendar";
import { Busy, Problems } from "./components/Problems";

const ViewerBarFragment = graphql(`
  fragment ViewerBar_viewer on Viewer {
    name
    role
    leas {
      entityId
      name
    }
  }
`);

const AppViewer = graphql(`
  query AppViewer {
    viewer {
      role
      ...ViewerBar_viewer
      ...SchoolPicker_viewer
    }
  }
`);

function Link(props: { to: string; children: string; current: boolean }) {
  return (
    <a
      href={props.to}
      aria-current={props.current ? "page" : undefined}
      onClick={(e) => {
        e.preventDefault();
        navigate(props.to);
      }}
    >
      {props.children}
    </a>
  );
}

function ViewerBar(props: { viewer: FragmentType<typeof ViewerBarFragment>; onSignOut: () => void }) {
  const v = getFragmentData(ViewerBarFragment, props.viewer);
  return (
    <div className="viewer" aria-label="Signed in as">
      <span>
        <strong>{v.name}</strong> · {v.role}
        {v.leas.length > 0 && <> · {v.leas.map((l) => `${l.name} (${l.entityId})`).join(", ")}</>}
      </span>{" "}
      <button type="button" onClick={props.onSignOut}>
        Sign out
      </button>
    </div>
  );
}

function Pages(props: { onSignOut: () => void; onRejected: (message: string) => void }) {
  const path = usePath();
  const route = routeOf(path);
  const [result] = useQuery({ query: AppViewer, requestPolicy: "cache-first" });
  const viewer = result.data?.viewer;
  const shown = useRef(path);
  useEffect(() => {
    // After a client-side navigation, focus goes to the new page's content (as a page load
    // would put it at the top), so keyboard and screen reader users start there.
    if (shown.current !== path) document.getElementById("main")?.focus();
    shown.current = path;
  }, [path]);
  useEffect(() => {
    const name = { home: "Home", requests: "Requests", request: "Request", placement: "Placement survey", calendar: "Fiscal calendar", notFound: "Not found" }[route.page];
    document.title = `${name} · CTE credit requests`;
  }, [route.page]);
  const refusal = result.error?.graphQLErrors.find((e) => e.extensions?.code === "UNAUTHENTICATED");
  if (refusal) {
    props.onRejected(`The service did not accept your sign-in: ${refusal.message}`);
    return null;
  }
  const staff = viewer?.role === "REVIEWER" || viewer?.role === "ADMIN";
  const links: Array<[string, string]> = staff
    ? [["/requests", "Review queue"], ["/placement-survey", "Placement survey"]]
    : [["/", "Find records"], ["/requests", "My requests"], ["/placement-survey", "Placement survey"]];
  if (viewer?.role === "ADMIN") links.push(["/fiscal-calendar", "Fiscal calendar"]);
  let page;
  if (!viewer) page = result.error ? <Problems error={result.error} /> : <Busy label="Loading…" />;
  else if (route.page === "home") page = staff ? <RequestList title="Review queue" openByDefault /> : <FindRecords viewer={viewer} />;
  else if (route.page === "requests") page = <RequestList title={staff ? "Review queue" : "My requests"} openByDefault={staff} />;
  else if (route.page === "request") page = <RequestDetail key={route.id} id={route.id} />;
  else if (route.page === "placement") page = <PlacementSurvey />;
  else if (route.page === "calendar" && viewer.role === "ADMIN") page = <FiscalCalendar />;
  else page = <h1>Page not found</h1>;
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header>
        <p className="brand">CTE credit requests</p>
        <nav aria-label="Main">
          {links.map(([to, name]) => (
            <Link key={to} to={to} current={path === to}>
              {name}
            </Link>
          ))}
        </nav>
        {viewer && <ViewerBar viewer={viewer} onSignOut={props.onSignOut} />}
      </header>
      <main id="main" tabIndex={-1}>
        {page}
      </main>
    </>
  );
}

/** Signed in by the provider (`oidc`, when the service names one) or, in development, as a
 * sample user; one connection per sign-in, which takes the provider's renewed tokens. */
export function App(props: { config: AppConfig; oidc: OidcSession | null; problem: string | null }) {
  const { oidc } = props;
  const production = props.config.environment === "production";
  const [token, setToken] = useState<string | null>(() => oidc?.token ?? storedToken());
  const [notice, setNotice] = useState<string | null>(props.problem);
  useEffect(
    () =>
      oidc?.subscribe((next, why) => {
        setToken(next);
        if (why) setNotice(why);
      }),
    [oidc],
  );
  const signedIn = token !== null;
  // A new connection per sign-in only: a renewed token goes to the open one.
  const connection = useMemo(() => (token ? connect(token, production) : null), [signedIn, production]);
  useEffect(() => void (token && connection?.renew(token)), [connection, token]);
  useEffect(() => () => void connection?.socket.dispose(), [connection]);
  const signIn = (next: string) => {
    storeToken(next);
    setNotice(null);
    setToken(next);
  };
  const signOut = (why: string | null) => {
    storeToken(null);
    if (oidc?.token) void (why ? oidc.rejected(why) : oidc.signOut());
    else setToken(null);
    setNotice(why);
  };
  if (!token || !connection) {
    return <SignIn config={props.config} notice={notice} onSignIn={signIn} onProviderSignIn={async () => oidc?.signIn(window.location.pathname + window.location.search)} />;
  }
  return (
    <SessionContext.Provider value={{ token, production }}>
      <Provider value={connection.client}>
        <Pages onSignOut={() => signOut(null)} onRejected={signOut} />
      </Provider>
    </SessionContext.Provider>
  );
}
