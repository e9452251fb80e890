/** What the server tells the app at start (GET /app/config.json), and the development users. */

import type { OidcConfig } from "./oidc";

export interface AppConfig {
  environment: "development" | "production";
  devSignIn: boolean;
  oidc: OidcConfig | null;
}

export interface DevUser {
  id: string;
  name: string;
  role: string;
  leaIds: number[];
  email: string | null;
  token: string;
}

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(path, { headers: { Accept: "application/json" } });
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
  return (await response.json()) as T;
}

export const loadConfig = () => getJson<AppConfig>("/app/config.json");
export const loadDevUsers = () => getJson<DevUser[]>("/app/dev-users");
