import { useMemo, useRef, useState, type FormEvent } from "react";
import { useQuery } from "urql";
import { errorAttributes, type UserErrorLike } from "../fieldErrors";
import { useFocusProblems } from "../focus";
import { graphql, getFragmentData, type FragmentType } from "../gql";
import { placeSubmissionErrors } from "../submissionControls";
import { Busy, FieldError, Problems } from "./Problems";
import { RecordCard } from "./RecordCard";
import { InsertCreditsForm } from "./InsertCreditsForm";
import { Preview } from "./Preview";

export const SchoolPickerFragment = graphql(`
  fragment SchoolPicker_viewer on Viewer {
    leas {
      entityId
      name
      schools {
        entityId
        name
      }
    }
  }
`);

const FindRecordsQuery = graphql(`
  query FindRecords($suid: String!, $school: Int!) {
    participantRecords(suid: $suid, schoolEntityId: $school) {
      id
      student {
        suid
        firstName
        lastName
      }
      ...RecordCard_record
      ...InsertCreditsForm_record
    }
    fiscalYearStatus {
      participantFiscalYear
    }
  }
`);

/** An LEA user's start page: pick a school, find a student's records, insert credits. A refused
 * submission's errors show at the control they name, in either form (the SUID is this page's),
 * and focus goes to the first of them. */
export function FindRecords(props: { viewer: FragmentType<typeof SchoolPickerFragment> }) {
  const viewer = getFragmentData(SchoolPickerFragment, props.viewer);
  const schools = viewer.leas.flatMap((lea) => lea.schools.map((s) => ({ ...s, lea: lea.name })));
  const [school, setSchool] = useState(schools[0]?.entityId ?? 0);
  const [suid, setSuid] = useState("");
  const [search, setSearch] = useState<{ suid: string; school: number } | null>(null);
  const [userErrors, setUserErrors] = useState<UserErrorLike[]>([]);
  const placed = useMemo(() => placeSubmissionErrors(userErrors), [userErrors]);
  const page = useRef<HTMLDivElement>(null);
  useFocusProblems(page, userErrors);
  const [result] = useQuery({
    query: FindRecordsQuery,
    variables: search ?? { suid: "", school: 0 },
    pause: !search,
    requestPolicy: "network-only",
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setUserErrors([]);
    setSearch({ suid: suid.trim(), school });
  };
  const records = result.data?.participantRecords ?? [];
  const student = records[0]?.student;
  return (
    <div ref={page}>
      <h1>Find a student's records</h1>
      <form onSubmit={submit} className="inline-form" aria-label="Find records">
        <div className="field">
          <label htmlFor="school">School</label>
          <select id="school" value={school} {...errorAttributes(placed, "schoolEntityId")} onChange={(e) => setSchool(Number(e.target.value))}>
            {schools.map((s) => (
              <option key={s.entityId} value={s.entityId}>
                {s.name} ({s.lea})
              </option>
            ))}
          </select>
          <FieldError id="e-schoolEntityId" errors={placed.byField.schoolEntityId} />
        </div>
        <div className="field">
          <label htmlFor="suid">SUID</label>
          <input id="suid" value={suid} {...errorAttributes(placed, "suid")} onChange={(e) => setSuid(e.target.value)} inputMode="numeric" required />
          <FieldError id="e-suid" errors={placed.byField.suid} />
        </div>
        <button type="submit">Find records</button>
      </form>
      {result.fetching && <Busy label="Looking up records…" />}
      <Problems error={result.error} />
      {search && result.data && !result.fetching && (
        <section aria-label="Records">
          <h2>
            {student
              ? `${student.firstName} ${student.lastName} (SUID ${student.suid}), FY${result.data.fiscalYearStatus.participantFiscalYear}`
              : `No P/C record for SUID ${search.suid} at this school in FY${result.data.fiscalYearStatus.participantFiscalYear}`}
          </h2>
          {records.map((r) => (
            <RecordCard key={r.id} record={r} />
          ))}
          {records.length > 0 && (
            <InsertCreditsForm
              key={`${search.suid}-${search.school}`}
              suid={search.suid}
              schoolEntityId={search.school}
              records={records}
              placed={placed}
              onUserErrors={setUserErrors}
              preview={(draft, fileCount) => <Preview suid={search.suid} schoolEntityId={search.school} draft={draft} fileCount={fileCount} />}
            />
          )}
        </section>
      )}
    </div>
  );
}
