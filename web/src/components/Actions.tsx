import { useEffect, useMemo, useRef, useState } from "react";
import { useFocusProblems } from "../focus";
import { useMutation, type CombinedError } from "urql";
import { graphql, getFragmentData, type FragmentType } from "../gql";
import type { RejectionReason, Role } from "../gql/graphql";
import { describeChanges, type RequestSnapshot } from "../changes";
import { placeErrors, type UserErrorLike } from "../fieldErrors";
import { Files } from "./Files";
import { useUploadProgress } from "../uploadProgress";
import { FieldError, Problems, UploadProgress } from "./Problems";

export const ActionsFragment = graphql(`
  fragment Actions_request on ChangeRequest {
    id
    version
    status
    credits
    justification
    evidence {
      id
    }
  }
`);


const Approve = graphql(`
  mutation Approve($input: ApproveChangeRequestInput!) {
    approveChangeRequest(input: $input) {
      changeRequest {
        id
        version
        status
      }
      userErrors {
        code
        message
        field
      }
    }
  }
`);
const Reject = graphql(`
  mutation Reject($input: RejectChangeRequestInput!) {
    rejectChangeRequest(input: $input) {
      changeRequest {
        id
        version
        status
      }
      userErrors {
        code
        message
        field
      }
    }
  }
`);
const RequestInformation = graphql(`
  mutation RequestInformation($input: RequestMoreInformationInput!) {
    requestMoreInformation(input: $input) {
      changeRequest {
        id
        version
        status
      }
      userErrors {
        code
        message
        field
      }
    }
  }
`);
const ProvideInformation = graphql(`
  mutation ProvideInformation($input: ProvideInformationInput!) {
    provideInformation(input: $input) {
      changeRequest {
        id
        version
        status
      }
      userErrors {
        code
        message
        field
      }
    }
  }
`);
const Withdraw = graphql(`
  mutation Withdraw($input: WithdrawChangeRequestInput!) {
    withdrawChangeRequest(input: $input) {
      changeRequest {
        id
        version
        status
      }
      userErrors {
        code
        message
        field
      }
    }
  }
`);

const REJECTION_REASONS: RejectionReason[] = [
  "NOT_NECESSARY",
  "ALTERNATIVE_METHOD_AVAILABLE",
  "INADEQUATE_JUSTIFICATION",
  "MISREPORTED_ENROLLMENT",
  "OTHER",
];
const OPEN = ["PENDING_REVIEW", "MORE_INFORMATION_REQUESTED"];

type Outcome = { data?: Record<string, { userErrors: UserErrorLike[] } | undefined> | null; error?: CombinedError };

function snapshot(r: { version: number; status: string; credits: string; justification: string; evidence: unknown[] }): RequestSnapshot {
  return { version: r.version, status: r.status, credits: r.credits, justification: r.justification, evidenceCount: r.evidence.length };
}

/** The decisions open to the viewer. Every one sends the version read (expectedVersion); a
 * STALE_VERSION refusal reloads the request and says what changed. */
export function Actions(props: {
  request: FragmentType<typeof ActionsFragment>;
  role: Role;
  reload: () => void;
  /** After an action is done (its controls may be gone): where focus goes. */
  onDone: () => void;
}) {
  const request = getFragmentData(ActionsFragment, props.request);
  const [comment, setComment] = useState("");
  const [rejectionReason, setRejectionReason] = useState<RejectionReason>("INADEQUATE_JUSTIFICATION");
  const [credits, setCredits] = useState("");
  const [files, setFiles] = useState<File[]>([]);
  const [fileProblems, setFileProblems] = useState<string[]>([]);
  const [userErrors, setUserErrors] = useState<UserErrorLike[]>([]);
  const [topError, setTopError] = useState<CombinedError | undefined>();
  const [staleFrom, setStaleFrom] = useState<RequestSnapshot | null>(null);
  const [approveState, approve] = useMutation(Approve);
  const [rejectState, reject] = useMutation(Reject);
  const [askState, ask] = useMutation(RequestInformation);
  const [provideState, provide] = useMutation(ProvideInformation);
  const [withdrawState, withdraw] = useMutation(Withdraw);
  const sent = useUploadProgress();
  const busy = [approveState, rejectState, askState, provideState, withdrawState].some((s) => s.fetching);
  const placed = useMemo(() => placeErrors(userErrors, ["comment", "reason", "credits", "evidence"]), [userErrors]);
  const staff = props.role === "REVIEWER" || props.role === "ADMIN";
  const section = useRef<HTMLElement>(null);
  useFocusProblems(section, userErrors);

  const run = async (action: () => Promise<Outcome>, field: string) => {
    const before = snapshot(request);
    const outcome = await action();
    const errors = outcome.data?.[field]?.userErrors ?? [];
    setTopError(outcome.error);
    setUserErrors(errors);
    if (errors.some((e) => e.code === "STALE_VERSION")) {
      setStaleFrom(before);
      props.reload();
    } else if (!errors.length && !outcome.error) {
      setComment("");
      setCredits("");
      setFiles([]);
      setStaleFrom(null);
      props.reload();
      props.onDone();
    }
  };
  const base = { id: request.id, expectedVersion: request.version };
  const changes = staleFrom && staleFrom.version !== request.version ? describeChanges(staleFrom, snapshot(request)) : null;
  const stale = useRef<HTMLDivElement>(null);
  const staleShown = changes !== null;
  useEffect(() => {
    if (staleShown) stale.current?.focus();
  }, [staleShown]);
  const commentErrors = placed.byField.comment;
  const open = OPEN.includes(request.status);
  if (!open) return null;
  const canDecide = staff && request.status === "PENDING_REVIEW";
  const canProvide = !staff && request.status === "MORE_INFORMATION_REQUESTED";
  return (
    <section ref={section} aria-labelledby="actions-h" className="actions">
      <h2 id="actions-h">Actions</h2>
      {changes && (
        <div role="alert" className="stale" ref={stale} tabIndex={-1}>
          <p>This request changed while you had it open (version {staleFrom!.version} → {request.version}). Review it again before deciding:</p>
          <ul>
            {changes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </div>
      )}
      <Problems error={topError} userErrors={placed.general.filter((e) => e.code !== "STALE_VERSION" || !changes)} />
      {(canDecide || canProvide || !staff) && (
        <div className="field">
          <label htmlFor="a-comment">Comment</label>
          <textarea id="a-comment" rows={3} value={comment} aria-describedby={commentErrors ? "e-a-comment" : undefined} aria-invalid={commentErrors ? true : undefined} onChange={(e) => setComment(e.target.value)} />
          <FieldError id="e-a-comment" errors={commentErrors} />
        </div>
      )}
      {canDecide && (
        <>
          <div className="field">
            <label htmlFor="a-reason">Rejection reason</label>
            <select
              id="a-reason"
              value={rejectionReason}
              aria-describedby={placed.byField.reason ? "e-a-reason" : undefined}
              aria-invalid={placed.byField.reason ? true : undefined}
              onChange={(e) => setRejectionReason(e.target.value as RejectionReason)}>
              {REJECTION_REASONS.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
            <FieldError id="e-a-reason" errors={placed.byField.reason} />
          </div>
          <div className="buttons">
            <button type="button" disabled={busy} onClick={() => run(() => approve({ input: { ...base, comment: comment || null } }), "approveChangeRequest")}>
              Approve
            </button>
            <button type="button" disabled={busy} onClick={() => run(() => reject({ input: { ...base, reason: rejectionReason, comment } }), "rejectChangeRequest")}>
              Reject
            </button>
            <button type="button" disabled={busy} onClick={() => run(() => ask({ input: { ...base, comment } }), "requestMoreInformation")}>
              Request more information
            </button>
          </div>
        </>
      )}
      {canProvide && (
        <>
          <div className="field">
            <label htmlFor="a-credits">Changed credits</label>
            <input id="a-credits" inputMode="decimal" value={credits} aria-describedby={placed.byField.credits ? "e-a-credits" : undefined} aria-invalid={placed.byField.credits ? true : undefined} onChange={(e) => setCredits(e.target.value)} />
            <FieldError id="e-a-credits" errors={placed.byField.credits} />
          </div>
          <Files
            id="a-evidence"
            label="More files"
            files={files}
            problems={fileProblems}
            onChange={(next, problems) => {
              setFiles(next);
              setFileProblems(problems);
            }}
          />
          <FieldError id="e-a-evidence" errors={placed.byField.evidence} />
        </>
      )}
      {!staff && (
        <div className="buttons">
          {canProvide && (
            <button
              type="button"
              disabled={busy || fileProblems.length > 0}
              onClick={() =>
                run(
                  () => provide({ input: { ...base, comment, credits: credits.trim() || null, evidence: files.length ? files : null } }),
                  "provideInformation",
                )
              }
            >
              Provide information
            </button>
          )}
          <button type="button" disabled={busy} onClick={() => run(() => withdraw({ input: { ...base, comment: comment || null } }), "withdrawChangeRequest")}>
            Withdraw
          </button>
        </div>
      )}
      {busy && <UploadProgress sent={sent} label="Sending…" />}
    </section>
  );
}
