import { useEffect, useState } from "react";
import { loadDevUsers, type AppConfig, type DevUser } from "../config";

/** Sign-in through the agency's identity provider when the service names one and, in
 * development, as one of the sample users that `make serve` prints. */
export function SignIn(props: {
  config: AppConfig;
  notice: string | null;
  onSignIn: (token: string) => void;
  onProviderSignIn: () => Promise<void>;
}) {
  const [users, setUsers] = useState<DevUser[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [leaving, setLeaving] = useState(false);
  useEffect(() => {
    if (props.config.devSignIn) loadDevUsers().then(setUsers, (e: Error) => setProblem(`The sample users could not be loaded: ${e.message}`));
  }, [props.config.devSignIn]);
  return (
    <main id="main" className="sign-in">
      <h1>Sign in</h1>
      {props.notice && <p role="alert">{props.notice}</p>}
      {props.config.oidc && (
        <p>
          <button
            type="button"
            disabled={leaving}
            onClick={() => {
              setLeaving(true);
              props.onProviderSignIn().catch((e: Error) => {
                setLeaving(false);
                setProblem(`The identity provider could not be reached: ${e.message}`);
              });
            }}
          >
            Sign in with your agency account
          </button>
        </p>
      )}
      {!props.config.devSignIn && !props.config.oidc && <p>Sign-in for this environment is not available yet.</p>}
      {problem && <p role="alert">{problem}</p>}
      {users && (
        <>
          <p>Development: choose a sample user.</p>
          <ul className="users">
            {users.map((u) => (
              <li key={u.id}>
                <button type="button" onClick={() => props.onSignIn(u.token)}>
                  {u.name}
                </button>{" "}
                <span className="muted">
                  {u.role}
                  {u.leaIds.length ? `, LEA ${u.leaIds.join(", ")}` : ""}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </main>
  );
}
