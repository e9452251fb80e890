import { useCallback, useState } from "react";
import { useQuery } from "urql";
import { graphql, getFragmentData, type FragmentType } from "../gql";
import type { ChangeRequestStatus, ChangeRequestFilter } from "../gql/graphql";
import { useLiveEvents } from "../live";
import { navigate, requestPath } from "../router";
import { Busy, Problems } from "./Problems";

const RequestRowFragment = graphql(`
  fragment RequestRow_request on ChangeRequest {
    id
    status
    submittedAt
    fiscalYear
    credits
    student {
      suid
      firstName
      lastName
    }
    school {
      name
    }
    course {
      courseNumber
      name
    }
  }
`);

const RequestListQuery = graphql(`
  query RequestList($filter: ChangeRequestFilter, $first: Int) {
    changeRequests(filter: $filter, first: $first) {
      totalCount
      edges {
        node {
          id
          submittedAt
          ...RequestRow_request
        }
      }
    }
  }
`);

const OPEN: ChangeRequestStatus[] = ["PENDING_REVIEW", "MORE_INFORMATION_REQUESTED"];
const STATUSES: ChangeRequestStatus[] = ["PENDING_REVIEW", "MORE_INFORMATION_REQUESTED", "APPROVED", "REJECTED", "WITHDRAWN"];

function Row(props: { request: FragmentType<typeof RequestRowFragment> }) {
  const r = getFragmentData(RequestRowFragment, props.request);
  const href = requestPath(r.id);
  return (
    <tr>
      <td>
        <a
          href={href}
          onClick={(e) => {
            e.preventDefault();
            navigate(href);
          }}
        >
          {r.student.firstName} {r.student.lastName} ({r.student.suid})
        </a>
      </td>
      <td>{r.school.name}</td>
      <td>
        {r.course.courseNumber} {r.course.name}
      </td>
      <td>{r.credits}</td>
      <td>FY{r.fiscalYear}</td>
      <td>{r.status}</td>
      <td>{new Date(r.submittedAt).toLocaleString()}</td>
    </tr>
  );
}

const numberOrNull = (text: string) => (text.trim() && Number.isFinite(Number(text)) ? Number(text) : null);

/** The reviewer's queue (open requests, oldest first) or an LEA user's "My requests"; kept
 * current by the live event stream. */
export function RequestList(props: { title: string; openByDefault: boolean }) {
  const [status, setStatus] = useState<string>(props.openByDefault ? "OPEN" : "ALL");
  const [school, setSchool] = useState("");
  const [lea, setLea] = useState("");
  const [fiscalYear, setFiscalYear] = useState("");
  const filter: ChangeRequestFilter = {
    status: status === "OPEN" ? OPEN : status === "ALL" ? null : [status as ChangeRequestStatus],
    schoolEntityId: numberOrNull(school),
    leaEntityId: numberOrNull(lea),
    fiscalYear: numberOrNull(fiscalYear),
  };
  const [result, reexecute] = useQuery({ query: RequestListQuery, variables: { filter, first: 100 } });
  const reload = useCallback(() => reexecute({ requestPolicy: "network-only" }), [reexecute]);
  useLiveEvents(reload, reload);
  const edges = result.data?.changeRequests.edges ?? [];
  const oldestFirst = [...edges].sort((a, b) => a.node.submittedAt.localeCompare(b.node.submittedAt));
  return (
    <>
      <h1>{props.title}</h1>
      <form className="inline-form" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="q-status">Status</label>
          <select id="q-status" value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="OPEN">Open (pending review or more information requested)</option>
            <option value="ALL">All</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="q-school">School ID</label>
          <input id="q-school" inputMode="numeric" value={school} onChange={(e) => setSchool(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="q-lea">LEA ID</label>
          <input id="q-lea" inputMode="numeric" value={lea} onChange={(e) => setLea(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="q-fy">Fiscal year</label>
          <input id="q-fy" inputMode="numeric" value={fiscalYear} onChange={(e) => setFiscalYear(e.target.value)} />
        </div>
      </form>
      {result.fetching && !result.data && <Busy label="Loading requests…" />}
      <Problems error={result.error} />
      {result.data && (
        <table aria-label={props.title}>
          <caption>
            {result.data.changeRequests.totalCount} request(s), oldest first
          </caption>
          <thead>
            <tr>
              <th scope="col">Student</th>
              <th scope="col">School</th>
              <th scope="col">Course</th>
              <th scope="col">Credits</th>
              <th scope="col">Fiscal year</th>
              <th scope="col">Status</th>
              <th scope="col">Submitted</th>
            </tr>
          </thead>
          <tbody>
            {oldestFirst.map((edge) => (
              <Row key={edge.node.id} request={edge.node} />
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
