import { useEffect, useState } from "react";
import { loadDevUsers, type AppConfig, type DevUser } from "../config";

/** Development sign-in: the sample users that `make serve` prints, by name. */
export function SignIn(props: { config: AppConfig; onSignIn: (token: string) => void }) {
  const [users, setUsers] = useState<DevUser[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    if (props.config.devSignIn) loadDevUsers().then(setUsers, (e: Error) => setProblem(e.message));
  }, [props.config.devSignIn]);
  return (
    <main id="main" className="sign-in">
      <h1>Sign in</h1>
      {!props.config.devSignIn && <p>Sign-in for this environment is not available yet.</p>}
      {problem && <p role="alert">The sample users could not be loaded: {problem}</p>}
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
