/** The signed-in user's token, kept for this browser tab only (sessionStorage). */

const KEY = "ctecr.token";

export function storedToken(): string | null {
  const token = sessionStorage.getItem(KEY);
  return token && !tokenExpired(token) ? token : null;
}

export function storeToken(token: string | null): void {
  if (token) sessionStorage.setItem(KEY, token);
  else sessionStorage.removeItem(KEY);
}

/** A JWT's `exp` has passed (the signature is the server's business, not the page's). */
export function tokenExpired(token: string, now: number = Date.now()): boolean {
  try {
    const payload = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    const claims = JSON.parse(atob(payload)) as { exp?: number };
    return typeof claims.exp === "number" && claims.exp * 1000 <= now;
  } catch {
    return true;
  }
}
