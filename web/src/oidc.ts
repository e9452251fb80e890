/** Sign-in through the agency's OpenID Connect provider (oidc-client-ts): the Authorization
 * Code flow with PKCE, for the issuer and client id that /app/config.json names, so that one
 * build runs against any provider. The access token is renewed before it expires with the
 * refresh token the provider issues with it (no hidden iframe: browsers block the provider's
 * cookies there, and the app's pages may not be framed). The user is kept in sessionStorage
 * (this tab only), as development tokens are. */

import { UserManager, type User, type UserManagerSettings } from "oidc-client-ts";

export interface OidcConfig {
  issuer: string;
  clientId: string;
  scope: string;
}

/** The client route the provider redirects back to: register `<origin>/auth/callback`. */
export const CALLBACK_PATH = "/auth/callback";
export const SESSION_ENDED = "Your session has ended. Sign in again.";

/** The UserManager's settings for this page's origin: nothing of the provider but what the
 * service serves, so that one build runs anywhere. */
export function managerSettings(config: OidcConfig, origin: string): UserManagerSettings {
  return {
    authority: config.issuer,
    client_id: config.clientId,
    scope: config.scope,
    response_type: "code",
    redirect_uri: `${origin}${CALLBACK_PATH}`,
    post_logout_redirect_uri: `${origin}/`,
    automaticSilentRenew: true, // a minute before expiry, by the refresh token
    loadUserInfo: false, // the access token is the API's; the API's viewer names the user
    monitorSession: false, // it would need the provider's page in an iframe
  };
}

/** Where to go once signed in: a path of this app only, never another origin. */
export function returnPath(state: unknown): string {
  const path = (state as { returnTo?: unknown } | null | undefined)?.returnTo;
  return typeof path === "string" && path.startsWith("/") && !path.startsWith("//") && path !== CALLBACK_PATH
    ? path
    : "/";
}

type Manager = Pick<
  UserManager,
  "getUser" | "signinRedirect" | "signinCallback" | "signinSilent" | "signoutRedirect" | "removeUser" | "events"
>;

/** A token change: the new access token (null when signed out) and what to tell the user. */
export type TokenListener = (token: string | null, notice: string | null) => void;

export interface Started {
  /** The path to show after a completed sign-in (the callback's URL is replaced by it). */
  returnTo: string | null;
  /** Why the sign-in did not complete, for the sign-in page. */
  problem: string | null;
}

/** The signed-in user's access token as the provider issues and renews it. */
export class OidcSession {
  private current: string | null = null;
  private readonly listeners = new Set<TokenListener>();

  constructor(private readonly manager: Manager) {
    manager.events.addUserLoaded((user) => this.set(user.access_token, null));
    manager.events.addAccessTokenExpired(() => void this.expired());
  }

  static create(config: OidcConfig, origin: string): OidcSession {
    return new OidcSession(new UserManager(managerSettings(config, origin)));
  }

  get token(): string | null {
    return this.current;
  }

  subscribe(listener: TokenListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** At page load: completes a sign-in coming back from the provider on the callback route,
   * or takes up this tab's user, renewing an access token that expired while the page was
   * closed (or dropping the user when it cannot be renewed). */
  async start(url: URL): Promise<Started> {
    if (url.pathname === CALLBACK_PATH) {
      try {
        const user = await this.manager.signinCallback(url.href);
        this.current = user?.access_token ?? null;
        return { returnTo: returnPath(user?.state), problem: null };
      } catch (error) {
        return { returnTo: "/", problem: `The sign-in did not complete: ${(error as Error).message}` };
      }
    }
    const user = await this.manager.getUser();
    this.current = user && !user.expired ? user.access_token : await this.renewed(user);
    return { returnTo: null, problem: null };
  }

  private async renewed(user: User | null): Promise<string | null> {
    if (!user) return null;
    if (user.refresh_token) {
      try {
        return (await this.manager.signinSilent())?.access_token ?? null;
      } catch {
        // The provider refused the refresh token (the session ended there): sign in again.
      }
    }
    await this.manager.removeUser();
    return null;
  }

  /** To the provider's login page; back at `returnTo` once signed in. */
  signIn(returnTo: string): Promise<void> {
    return this.manager.signinRedirect({ state: { returnTo } });
  }

  /** Ends the session at the provider (its end_session_endpoint, which returns to the app's
   * origin), after dropping the user here; without the provider, drops it here only. */
  async signOut(): Promise<void> {
    this.set(null, null);
    try {
      await this.manager.signoutRedirect();
    } catch {
      await this.manager.removeUser();
    }
  }

  /** The API refused the token (e.g. its claims name no role): drop it, saying why. */
  async rejected(notice: string): Promise<void> {
    await this.manager.removeUser();
    this.set(null, notice);
  }

  /** The access token expired unrenewed (renewal failed): the user must sign in again. */
  private async expired(): Promise<void> {
    const user = await this.manager.getUser();
    if (user && !user.expired) return; // renewed meanwhile
    await this.manager.removeUser();
    this.set(null, SESSION_ENDED);
  }

  private set(token: string | null, notice: string | null): void {
    if (token === this.current && notice === null) return;
    this.current = token;
    for (const listener of this.listeners) listener(token, notice);
  }
}
