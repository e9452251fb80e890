import { useEffect, useState } from "react";
import { useQuery } from "urql";
import { graphql } from "../gql";
import type { Draft } from "./InsertCreditsForm";
import { Flags } from "./Flags";
import { Busy, Problems } from "./Problems";

const PreviewQuery = graphql(`
  query PreviewInsertCredits($input: PreviewInsertCreditsRequestInput!) {
    previewInsertCreditsRequest(input: $input) {
      impact {
        changesStatus
        before {
          ...Flags_flags
        }
        after {
          ...Flags_flags
        }
      }
      advisories {
        code
        message
      }
      userErrors {
        code
        message
        field
      }
    }
  }
`);

const DECIMAL = /^\d+(\.\d+)?$/;

/** What the draft would do, asked of the server while the person types (after a pause). */
export function Preview(props: { suid: string; schoolEntityId: number; draft: Draft; fileCount: number }) {
  const { draft } = props;
  const input = {
    suid: props.suid,
    schoolEntityId: props.schoolEntityId,
    programNumber: draft.programNumber,
    courseNumber: draft.courseNumber,
    credits: draft.credits.trim(),
    gradeLevel: draft.gradeLevel,
    reason: draft.reason,
    retiredSuid: draft.reason === "RETIRED_SUID" ? draft.retiredSuid.trim() || null : null,
  };
  const key = JSON.stringify(input);
  const [settled, setSettled] = useState(key);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(key), 300);
    return () => clearTimeout(timer);
  }, [key]);
  const ready = DECIMAL.test(input.credits) && !!input.courseNumber;
  const [result] = useQuery({
    query: PreviewQuery,
    variables: { input: JSON.parse(settled) },
    pause: !ready || settled !== key,
    requestPolicy: "network-only",
  });
  const preview = result.data?.previewInsertCreditsRequest;
  // The preview is asked without the files (they go with the submission only).
  const advisories = (preview?.advisories ?? []).filter((a) => a.code !== "NO_EVIDENCE_ATTACHED" || props.fileCount === 0);
  return (
    <section aria-labelledby="preview-h" className="preview" aria-live="polite">
      <h3 id="preview-h">Preview</h3>
      {!ready && <p>Enter the credits to see what this request would do.</p>}
      {ready && result.fetching && <Busy label="Checking…" />}
      <Problems error={result.error} />
      {ready && preview && (
        <>
          {preview.impact ? (
            <div className="before-after">
              <div>
                <h4>Before</h4>
                <Flags flags={preview.impact.before} label="Preview before" />
              </div>
              <div>
                <h4>After</h4>
                <Flags flags={preview.impact.after} label="Preview after" />
              </div>
            </div>
          ) : null}
          {advisories.length > 0 && (
            <ul aria-label="Preview advisories">
              {advisories.map((a) => (
                <li key={a.code}>
                  <strong>{a.code}</strong>: {a.message}
                </li>
              ))}
            </ul>
          )}
          {preview.userErrors.length > 0 && (
            <ul aria-label="Preview problems" className="field-error">
              {preview.userErrors.map((e, i) => (
                <li key={i}>
                  {e.message} ({e.code})
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
