import { useRef, useState, type FormEvent } from "react";
import { useMutation } from "urql";
import { graphql, getFragmentData, type FragmentType } from "../gql";
import type { InsertCreditsReason } from "../gql/graphql";
import { errorAttributes, type PlacedErrors, type UserErrorLike } from "../fieldErrors";
import { SubmissionKeys } from "../idempotency";
import { navigate, requestPath } from "../router";
import { Files } from "./Files";
import { useUploadProgress } from "../uploadProgress";
import { FieldError, Problems, UploadProgress } from "./Problems";

export const InsertCreditsFormFragment = graphql(`
  fragment InsertCreditsForm_record on ParticipantRecord {
    id
    program {
      programNumber
      name
      courses {
        courseNumber
        name
      }
    }
  }
`);

const Submit = graphql(`
  mutation SubmitInsertCredits($input: SubmitInsertCreditsRequestInput!) {
    submitInsertCreditsRequest(input: $input) {
      changeRequest {
        id
      }
      userErrors {
        code
        message
        field
      }
    }
  }
`);

export const REASONS: Array<[InsertCreditsReason, string]> = [
  ["OUT_OF_STATE_TRANSFER", "Out-of-state transfer"],
  ["IN_STATE_TRANSFER_UNREPORTED", "In-state transfer, not reported"],
  ["RETIRED_SUID", "Retired SUID"],
  ["OTHER", "Other"],
];

export interface Draft {
  programNumber: string;
  courseNumber: string;
  credits: string;
  gradeLevel: number;
  reason: InsertCreditsReason;
  retiredSuid: string;
  justification: string;
}

/** The "Insert credits" form: only the student's programs at the school, that program's courses.
 * A submission's userErrors go to `onUserErrors` and come back `placed` (placeSubmissionErrors):
 * the page places them, since they may name the SUID or school of the Find records form. */
export function InsertCreditsForm(props: {
  suid: string;
  schoolEntityId: number;
  records: ReadonlyArray<FragmentType<typeof InsertCreditsFormFragment>>;
  placed: PlacedErrors;
  onUserErrors: (errors: UserErrorLike[]) => void;
  preview?: (draft: Draft, fileCount: number) => React.ReactNode;
}) {
  const records = props.records.map((r) => getFragmentData(InsertCreditsFormFragment, r));
  const programs = records.map((r) => r.program);
  const [draft, setDraft] = useState<Draft>({
    programNumber: programs[0]?.programNumber ?? "",
    courseNumber: programs[0]?.courses[0]?.courseNumber ?? "",
    credits: "",
    gradeLevel: 11,
    reason: "OUT_OF_STATE_TRANSFER",
    retiredSuid: "",
    justification: "",
  });
  const [files, setFiles] = useState<File[]>([]);
  const [fileProblems, setFileProblems] = useState<string[]>([]);
  const keys = useRef(new SubmissionKeys());
  const [state, submit] = useMutation(Submit);
  const sent = useUploadProgress();
  const courses = programs.find((p) => p.programNumber === draft.programNumber)?.courses ?? [];
  const { placed } = props;
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (state.fetching || fileProblems.length) return;
    const input = {
      suid: props.suid,
      schoolEntityId: props.schoolEntityId,
      programNumber: draft.programNumber,
      courseNumber: draft.courseNumber,
      credits: draft.credits.trim(),
      gradeLevel: draft.gradeLevel,
      reason: draft.reason,
      retiredSuid: draft.reason === "RETIRED_SUID" ? draft.retiredSuid.trim() : null,
      justification: draft.justification,
    };
    const idempotencyKey = keys.current.keyFor(input, files);
    const result = await submit({ input: { ...input, evidence: files.length ? files : null, idempotencyKey } });
    const payload = result.data?.submitInsertCreditsRequest;
    props.onUserErrors(payload?.userErrors ?? []);
    if (payload?.changeRequest) {
      keys.current.reset();
      navigate(requestPath(payload.changeRequest.id));
    }
  };

  return (
    <form onSubmit={onSubmit} aria-label="Insert credits" noValidate className="stacked">
      <h2>Insert credits</h2>
      <Problems error={state.error} userErrors={placed.general} />
      <div className="field">
        <label htmlFor="f-programNumber">Program</label>
        <select
          id="f-programNumber"
          value={draft.programNumber}
          {...errorAttributes(placed, "programNumber")}
          onChange={(e) => {
            const program = programs.find((p) => p.programNumber === e.target.value);
            setDraft((d) => ({ ...d, programNumber: e.target.value, courseNumber: program?.courses[0]?.courseNumber ?? "" }));
          }}
        >
          {programs.map((p) => (
            <option key={p.programNumber} value={p.programNumber}>
              {p.programNumber} {p.name}
            </option>
          ))}
        </select>
        <FieldError id="e-programNumber" errors={placed.byField.programNumber} />
      </div>
      <div className="field">
        <label htmlFor="f-courseNumber">Course</label>
        <select id="f-courseNumber" value={draft.courseNumber} {...errorAttributes(placed, "courseNumber")} onChange={(e) => set("courseNumber", e.target.value)}>
          {courses.map((c) => (
            <option key={c.courseNumber} value={c.courseNumber}>
              {c.courseNumber} {c.name}
            </option>
          ))}
        </select>
        <FieldError id="e-courseNumber" errors={placed.byField.courseNumber} />
      </div>
      <div className="field">
        <label htmlFor="f-credits">Credits</label>
        <input id="f-credits" inputMode="decimal" value={draft.credits} {...errorAttributes(placed, "credits")} onChange={(e) => set("credits", e.target.value)} />
        <FieldError id="e-credits" errors={placed.byField.credits} />
      </div>
      <div className="field">
        <label htmlFor="f-gradeLevel">Grade level</label>
        <select id="f-gradeLevel" value={draft.gradeLevel} {...errorAttributes(placed, "gradeLevel")} onChange={(e) => set("gradeLevel", Number(e.target.value))}>
          {[6, 7, 8, 9, 10, 11, 12].map((g) => (
            <option key={g} value={g}>
              {g}
            </option>
          ))}
        </select>
        <FieldError id="e-gradeLevel" errors={placed.byField.gradeLevel} />
      </div>
      <div className="field">
        <label htmlFor="f-reason">Reason</label>
        <select id="f-reason" value={draft.reason} {...errorAttributes(placed, "reason")} onChange={(e) => set("reason", e.target.value as InsertCreditsReason)}>
          {REASONS.map(([value, name]) => (
            <option key={value} value={value}>
              {name}
            </option>
          ))}
        </select>
        <FieldError id="e-reason" errors={placed.byField.reason} />
      </div>
      {draft.reason === "RETIRED_SUID" && (
        <div className="field">
          <label htmlFor="f-retiredSuid">Retired SUID</label>
          <input id="f-retiredSuid" inputMode="numeric" value={draft.retiredSuid} {...errorAttributes(placed, "retiredSuid")} onChange={(e) => set("retiredSuid", e.target.value)} />
          <FieldError id="e-retiredSuid" errors={placed.byField.retiredSuid} />
        </div>
      )}
      <div className="field">
        <label htmlFor="f-justification">Justification</label>
        <textarea id="f-justification" rows={4} value={draft.justification} {...errorAttributes(placed, "justification")} onChange={(e) => set("justification", e.target.value)} />
        <FieldError id="e-justification" errors={placed.byField.justification} />
      </div>
      <Files
        id="f-evidence"
        label="Transcript"
        files={files}
        problems={fileProblems}
        describedBy={errorAttributes(placed, "evidence")["aria-describedby"]}
        onChange={(next, problems) => {
          setFiles(next);
          setFileProblems(problems);
        }}
      />
      <FieldError id="e-evidence" errors={placed.byField.evidence} />
      {props.preview?.(draft, files.length)}
      <button type="submit" disabled={state.fetching}>
        Submit request
      </button>
      {state.fetching && <UploadProgress sent={sent} label="Submitting…" />}
    </form>
  );
}
