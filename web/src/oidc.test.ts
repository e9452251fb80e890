import { afterEach, describe, expect, it, vi } from "vitest";
import type { User, UserManager } from "oidc-client-ts";
import { createRequest } from "urql";
import { connect } from "./client";
import { CALLBACK_PATH, OidcSession, SESSION_ENDED, managerSettings, returnPath } from "./oidc";

const CONFIG = { issuer: "https://login.example.org/realms/ade", clientId: "ctecr-web", scope: "openid profile email" };

function user(token: string, changes: Partial<User> = {}): User {
  return { access_token: token, expired: false, refresh_token: "refresh", state: undefined, ...changes } as User;
}

/** A UserManager double: the calls it got, and its events to raise. */
function fakeManager(stored: User | null = null) {
  const handlers = { loaded: [] as Array<(u: User) => void>, expired: [] as Array<() => void> };
  let current = stored;
  const manager = {
    getUser: vi.fn(async () => current),
    signinRedirect: vi.fn(async () => {}),
    signinCallback: vi.fn(async () => current ?? undefined),
    signinSilent: vi.fn(async () => current),
    signoutRedirect: vi.fn(async () => {
      current = null;
    }),
    removeUser: vi.fn(async () => {
      current = null;
    }),
    events: {
      addUserLoaded: (h: (u: User) => void) => handlers.loaded.push(h),
      addAccessTokenExpired: (h: () => void) => handlers.expired.push(h),
    },
  };
  const control = {
    load(next: User) {
      current = next;
      handlers.loaded.forEach((h) => h(next));
    },
    async expire() {
      handlers.expired.forEach((h) => h());
      await new Promise((resolve) => setTimeout(resolve, 0));
    },
    set(next: User | null) {
      current = next;
    },
  };
  return { manager, control, session: new OidcSession(manager as unknown as UserManager) };
}

const url = (path: string) => new URL(`https://ctecr.example.org${path}`);

describe("OpenID Connect settings", () => {
  it("come from the served config and the page's origin only", () => {
    const settings = managerSettings(CONFIG, "https://ctecr.example.org");
    expect(settings).toMatchObject({
      authority: CONFIG.issuer,
      client_id: "ctecr-web",
      scope: "openid profile email",
      response_type: "code",
      redirect_uri: "https://ctecr.example.org/auth/callback",
      post_logout_redirect_uri: "https://ctecr.example.org/",
      automaticSilentRenew: true,
    });
    expect(settings.silent_redirect_uri).toBeUndefined(); // renewal by refresh token, no iframe
  });
  it("return to a path of the app only", () => {
    expect(returnPath({ returnTo: "/requests/cr-1?x=1" })).toBe("/requests/cr-1?x=1");
    for (const bad of ["//evil.example", "https://evil.example/", CALLBACK_PATH, 3]) {
      expect(returnPath({ returnTo: bad })).toBe("/");
    }
    expect(returnPath(undefined)).toBe("/");
  });
});

describe("OpenID Connect session", () => {
  it("completes the sign-in on the callback route and returns where it started", async () => {
    const { manager, session } = fakeManager(user("code-token", { state: { returnTo: "/requests" } }));
    const started = await session.start(url(`${CALLBACK_PATH}?code=c&state=s`));
    expect(manager.signinCallback).toHaveBeenCalledWith(`https://ctecr.example.org${CALLBACK_PATH}?code=c&state=s`);
    expect(started).toEqual({ returnTo: "/requests", problem: null });
    expect(session.token).toBe("code-token");
  });
  it("says why a sign-in did not complete", async () => {
    const { manager, session } = fakeManager();
    manager.signinCallback.mockRejectedValueOnce(new Error("access_denied"));
    const started = await session.start(url(`${CALLBACK_PATH}?error=access_denied`));
    expect(started.problem).toContain("access_denied");
    expect(session.token).toBeNull();
  });
  it("takes up the tab's user, renewing a token that expired while the page was closed", async () => {
    const fresh = fakeManager(user("stored"));
    await fresh.session.start(url("/"));
    expect(fresh.session.token).toBe("stored");
    expect(fresh.manager.signinSilent).not.toHaveBeenCalled();

    const stale = fakeManager(user("old", { expired: true }));
    stale.manager.signinSilent.mockResolvedValueOnce(user("renewed"));
    await stale.session.start(url("/"));
    expect(stale.session.token).toBe("renewed");
  });
  it("drops an expired user it cannot renew", async () => {
    const noRefresh = fakeManager(user("old", { expired: true, refresh_token: undefined }));
    await noRefresh.session.start(url("/"));
    expect(noRefresh.session.token).toBeNull();
    expect(noRefresh.manager.signinSilent).not.toHaveBeenCalled();
    expect(noRefresh.manager.removeUser).toHaveBeenCalled();

    const refused = fakeManager(user("old", { expired: true }));
    refused.manager.signinSilent.mockRejectedValueOnce(new Error("invalid_grant"));
    await refused.session.start(url("/"));
    expect(refused.session.token).toBeNull();
    expect(refused.manager.removeUser).toHaveBeenCalled();
  });
  it("tells its listeners each renewed token", async () => {
    const { control, session } = fakeManager(user("first"));
    await session.start(url("/"));
    const heard: Array<[string | null, string | null]> = [];
    session.subscribe((token, notice) => heard.push([token, notice]));
    control.load(user("second"));
    control.load(user("second")); // the same token again: nothing to tell
    expect(heard).toEqual([["second", null]]);
    expect(session.token).toBe("second");
  });
  it("signs out when the token expired unrenewed, but not when it was renewed meanwhile", async () => {
    const { control, session } = fakeManager(user("first"));
    await session.start(url("/"));
    const heard: Array<[string | null, string | null]> = [];
    session.subscribe((token, notice) => heard.push([token, notice]));
    await control.expire(); // the stored user is fresh: a renewal won the race
    expect(heard).toEqual([]);
    control.set(user("first", { expired: true }));
    await control.expire();
    expect(heard).toEqual([[null, SESSION_ENDED]]);
  });
  it("signs in and out at the provider", async () => {
    const { manager, session } = fakeManager(user("t"));
    await session.start(url("/"));
    await session.signIn("/requests/cr-9");
    expect(manager.signinRedirect).toHaveBeenCalledWith({ state: { returnTo: "/requests/cr-9" } });
    const heard: Array<string | null> = [];
    session.subscribe((token) => heard.push(token));
    await session.signOut();
    expect(manager.signoutRedirect).toHaveBeenCalledOnce();
    expect(heard).toEqual([null]);
    expect(session.token).toBeNull();
  });
  it("drops the user here when the provider cannot be reached to sign out", async () => {
    const { manager, session } = fakeManager(user("t"));
    await session.start(url("/"));
    manager.signoutRedirect.mockRejectedValueOnce(new Error("Failed to fetch"));
    await session.signOut();
    expect(manager.removeUser).toHaveBeenCalledOnce();
    expect(session.token).toBeNull();
  });
  it("drops a token the API refused, saying why, without leaving the app", async () => {
    const { manager, session } = fakeManager(user("t"));
    await session.start(url("/"));
    const heard: Array<[string | null, string | null]> = [];
    session.subscribe((token, notice) => heard.push([token, notice]));
    await session.rejected("no role");
    expect(manager.removeUser).toHaveBeenCalledOnce();
    expect(manager.signoutRedirect).not.toHaveBeenCalled();
    expect(heard).toEqual([[null, "no role"]]);
  });
});

/** A WebSocket double: each one opened, and what the client sent on it. */
class FakeSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  static opened: FakeSocket[] = [];
  readyState = FakeSocket.CONNECTING;
  protocol = "graphql-transport-ws";
  sent: Array<{ type: string; payload?: unknown }> = [];
  onopen?: () => void;
  onclose?: (event: { code: number; reason: string }) => void;
  onerror?: () => void;
  onmessage?: () => void;
  constructor() {
    FakeSocket.opened.push(this);
  }
  open() {
    this.readyState = FakeSocket.OPEN;
    this.onopen?.();
  }
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.readyState = FakeSocket.CLOSED;
  }
}

describe("the connection's token", () => {
  afterEach(() => vi.unstubAllGlobals());
  it("goes as Bearer over HTTP and in connection_init, and a renewed one reopens the socket", async () => {
    vi.stubGlobal("window", { location: { protocol: "https:", host: "ctecr.example.org" } });
    vi.stubGlobal("WebSocket", FakeSocket);
    FakeSocket.opened = [];
    const connection = connect("first", false);
    const bearer = () => {
      const { fetchOptions } = connection.client.createRequestOperation("query", createRequest("{ a }", {})).context;
      return (typeof fetchOptions === "function" ? fetchOptions() : fetchOptions)?.headers as Record<string, string>;
    };
    const initOf = async (socket: number) => {
      await vi.waitFor(() => expect(FakeSocket.opened[socket]).toBeDefined());
      FakeSocket.opened[socket].open();
      await vi.waitFor(() => expect(FakeSocket.opened[socket].sent.length).toBeGreaterThan(0));
      return FakeSocket.opened[socket].sent[0];
    };
    const errors: unknown[] = [];
    const sink = { next: () => {}, error: (e: unknown) => errors.push(e), complete: () => {} };
    connection.socket.subscribe({ query: "subscription { a }" }, sink);
    expect(await initOf(0)).toEqual({ type: "connection_init", payload: { Authorization: "Bearer first" } });
    expect(bearer().Authorization).toBe("Bearer first");

    connection.renew("first"); // the same token: the socket stays
    expect(errors).toEqual([]);
    connection.renew("second");
    await vi.waitFor(() => expect(errors).toHaveLength(1)); // live.ts resubscribes on this
    expect(bearer().Authorization).toBe("Bearer second");
    connection.socket.subscribe({ query: "subscription { a }" }, sink);
    expect(await initOf(1)).toEqual({ type: "connection_init", payload: { Authorization: "Bearer second" } });
    connection.socket.dispose();
  });
});
