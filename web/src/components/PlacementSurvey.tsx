import { useMemo, useState } from "react";
import { graphql, getFragmentData, type FragmentType } from "../gql";
import type { PlacementRow_RecordFragment, PlacementSurveyQuery } from "../gql/graphql";
import { toCsv } from "../csv";
import { usePaged } from "../usePaged";
import { Busy, Problems } from "./Problems";
import { LoadMore } from "./LoadMore";

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
  query PlacementSurvey($fiscalYear: Int, $school: Int, $after: String) {
    placementSurveyList(fiscalYear: $fiscalYear, schoolEntityId: $school, first: 100, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
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

const pageOf = (data: PlacementSurveyQuery) => ({
  items: data.placementSurveyList.edges.map((e) => getFragmentData(PlacementRowFragment, e.node as FragmentType<typeof PlacementRowFragment>) as Row),
  endCursor: data.placementSurveyList.pageInfo.endCursor ?? null,
  hasNextPage: data.placementSurveyList.pageInfo.hasNextPage,
  totalCount: data.placementSurveyList.totalCount,
});

/** The whole list (every page) as a CSV file, handed to the browser as a download. */
function download(rows: Row[]): void {
  const url = URL.createObjectURL(new Blob([toCsv(HEADER, rows.map(cells))], { type: "text/csv" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = "placement-survey.csv";
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function PlacementSurvey() {
  const [fiscalYear, setFiscalYear] = useState("");
  const [school, setSchool] = useState("");
  const variables = useMemo(() => ({ fiscalYear: numberOrNull(fiscalYear), school: numberOrNull(school) }), [fiscalYear, school]);
  const list = usePaged(PlacementQuery, (after) => ({ ...variables, after }), pageOf, JSON.stringify(variables));
  const loaded = list.loaded;
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
      {list.busy === "list" && <Busy label="Loading the list…" />}
      <Problems error={list.error} />
      {loaded && (
        <>
          <p>
            <button type="button" aria-disabled={list.busy !== null || undefined} onClick={() => list.busy === null && list.loadAll(download)}>
              Download CSV
            </button>{" "}
            <span className="muted">all {loaded.totalCount} student(s), every page</span>
          </p>
          {list.busy === "all" && <Busy label={`Preparing the CSV: ${loaded.items.length} of ${loaded.totalCount} student(s) read…`} />}
          <table aria-label="Placement survey list">
            <caption>{loaded.items.length < loaded.totalCount ? `${loaded.items.length} of ${loaded.totalCount}` : loaded.totalCount} student(s)</caption>
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
              {loaded.items.map((r) => (
                <tr key={r.id}>
                  {cells(r).map((c, i) => (
                    <td key={i}>{c ?? ""}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <LoadMore list={list} what="students" />
        </>
      )}
    </>
  );
}
