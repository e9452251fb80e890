import type { CombinedError } from "urql";
import { describeTopLevel, type UserErrorLike } from "../fieldErrors";
import type { Sent } from "../uploadProgress";

/** A top-level error (with its code) or the userErrors that name no control. */
export function Problems(props: { error?: CombinedError | null; userErrors?: readonly UserErrorLike[] }) {
  const messages: string[] = [];
  if (props.error) {
    if (props.error.graphQLErrors.length) messages.push(...props.error.graphQLErrors.map(describeTopLevel));
    else messages.push(`The service could not be reached: ${props.error.message}`);
  }
  for (const e of props.userErrors ?? []) messages.push(`${e.message} (${e.code})`);
  if (!messages.length) return null;
  return (
    <div role="alert" className="problems">
      {messages.map((m, i) => (
        <p key={i}>{m}</p>
      ))}
    </div>
  );
}

/** The errors of one form control, referenced by its aria-describedby. */
export function FieldError(props: { id: string; errors?: readonly UserErrorLike[] }) {
  if (!props.errors?.length) return null;
  return (
    <p id={props.id} className="field-error">
      {props.errors.map((e) => e.message).join(" ")}
    </p>
  );
}

export function Busy(props: { label: string }) {
  return (
    <p role="status" className="busy">
      <span className="spinner" aria-hidden="true" /> {props.label}
    </p>
  );
}

/** A long wait with files: how much of them has been sent (a spinner until that is known). */
export function UploadProgress(props: { sent: Sent | null; label: string }) {
  const { sent } = props;
  if (!sent || !sent.total) return <Busy label={props.label} />;
  const mb = (bytes: number) => (bytes / 1_000_000).toFixed(1);
  return (
    <p className="busy">
      {props.label} <progress max={sent.total} value={sent.loaded} aria-label="Upload" /> {mb(sent.loaded)} of {mb(sent.total)} MB sent
    </p>
  );
}
