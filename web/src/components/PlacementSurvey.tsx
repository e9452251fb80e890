import { useEffect, useMemo, useState } from "react";
import { useQuery } from "urql";
import { graphql, getFragmentData, type FragmentType } from "../gql";
import type { PlacementRow_RecordFragment } from "../gql/graphql";
import { toCsv } from "../csv";
import { Busy, Problems } from "./Problems";

const PlacementRowFragment = graphql(`
  fragment PlacementRow_record on ParticipantRecord {
    id
    fiscalYear
    student {
      suid
      firstName
      lastName
      exitedOn
      exitReason
    }
    school {
      entityId
      name
    }
    program {
      programNumber
      name
    }
  }
`);

const PlacementQuery = graphql(`
  query PlacementSurvey($fiscalYear: Int, $school: Int) {
    placementSurveyList(fiscalYear: $fiscalYear, schoolEntityId: $school, first: 100) {
      totalCount
      edges {
        node {
          id
          ...PlacementRow_record
        }
      }
    }
  }
`);

type Row = PlacementRow_RecordFragment;
const HEADER = ["SUID", "First name", "Last name", "School ID", "School", "Program", "Fiscal year", "Exited on", "Exit reason"];
const cells = (r: Row) => [r.student.suid, r.student.firstName, r.student.lastName, r.school.entityId, r.school.name, `${r.program.programNumber} ${r.program.name}`, r.fiscalYear, r.student.exitedOn, r.student.exitReason];

const numberOrNull = (text: string) => (text.trim() && Number.isFinite(Number(text)) ? Number(text) : null);

export function PlacementSurvey() {
  const [fiscalYear, setFiscalYear] = useState("");
  const [school, setSchool] = useState("");
  const [result] = useQuery({ query: PlacementQuery, variables: { fiscalYear: numberOrNull(fiscalYear), school: numberOrNull(school) } });
  const edges = result.data?.placementSurveyList.edges;
  const rows: Row[] = useMemo(() => (edges ?? []).map((e) => getFragmentData(PlacementRowFragment, e.node as FragmentType<typeof PlacementRowFragment>) as Row), [edges]);
  const csv = useMemo(() => URL.createObjectURL(new Blob([toCsv(HEADER, rows.map(cells))], { type: "text/csv" })), [rows]);
  useEffect(() => () => URL.revokeObjectURL(csv), [csv]);
  return (
    <>
      <h1>Placement survey list</h1>
      <form className="inline-form" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="p-fy">Fiscal year</label>
          <input id="p-fy" inputMode="numeric" value={fiscalYear} onChange={(e) => setFiscalYear(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="p-school">School ID</label>
          <input id="p-school" inputMode="numeric" value={school} onChange={(e) => setSchool(e.target.value)} />
        </div>
      </form>
      {result.fetching && !result.data && <Busy label="Loading the list…" />}
      <Problems error={result.error} />
      {result.data && (
        <>
          <p>
            <a href={csv} download="placement-survey.csv">
              Download CSV
            </a>
          </p>
          <table aria-label="Placement survey list">
            <caption>{result.data.placementSurveyList.totalCount} student(s)</caption>
            <thead>
              <tr>
                {HEADER.map((h) => (
                  <th key={h} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  {cells(r).map((c, i) => (
                    <td key={i}>{c ?? ""}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
