import type { ChangeEvent } from "react";
import { graphql, getFragmentData, type FragmentType } from "../gql";
import type { ChangeRequestOrder, RequestListQuery as ListData } from "../gql/graphql";
import { useLiveEvents } from "../live";
import { changeRequestFilter, filtersFromQuery, queryOfFilters, STATUSES, type FilterValues } from "../requestFilters";
import { navigate, replaceQuery, requestPath, useSearch } from "../router";
import { usePaged } from "../usePaged";
import { Busy, Problems } from "./Problems";
import { LoadMore } from "./LoadMore";

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
  query RequestList($filter: ChangeRequestFilter, $first: Int, $after: String, $order: ChangeRequestOrder!) {
    changeRequests(filter: $filter, first: $first, after: $after, order: $order) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
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

type Node = ListData["changeRequests"]["edges"][number]["node"];
const PAGE = 100;
const pageOf = (data: ListData) => ({
  items: data.changeRequests.edges.map((e) => e.node),
  endCursor: data.changeRequests.pageInfo.endCursor ?? null,
  hasNextPage: data.changeRequests.pageInfo.hasNextPage,
  totalCount: data.changeRequests.totalCount,
});

/** The reviewer's queue (open requests, oldest first: the next to decide on top) or an LEA
 * user's "My requests" (newest first), 100 at a time; kept current by the live event stream,
 * which rereads the pages shown. The filters live in the query string (see requestFilters.ts). */
export function RequestList(props: { title: string; openByDefault: boolean }) {
  const defaultStatus = props.openByDefault ? "OPEN" : "ALL";
  const values = filtersFromQuery(useSearch(), defaultStatus);
  const { status, school, lea, fiscalYear } = values;
  const set = (key: keyof FilterValues) => (event: ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
    replaceQuery(queryOfFilters({ ...values, [key]: event.target.value }, defaultStatus));
  const filter = changeRequestFilter(values);
  const order: ChangeRequestOrder = props.openByDefault ? "OLDEST_FIRST" : "NEWEST_FIRST";
  const direction = order === "OLDEST_FIRST" ? 1 : -1;
  const list = usePaged(
    RequestListQuery,
    (after) => ({ filter, first: PAGE, after, order }),
    pageOf,
    JSON.stringify([filter, order]),
    (a: Node, b: Node) => direction * a.submittedAt.localeCompare(b.submittedAt),
  );
  useLiveEvents(list.refresh, list.refresh);
  const loaded = list.loaded;
  return (
    <>
      <h1>{props.title}</h1>
      <form className="inline-form" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="q-status">Status</label>
          <select id="q-status" value={status} onChange={set("status")}>
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
          <input id="q-school" inputMode="numeric" value={school} onChange={set("school")} />
        </div>
        <div className="field">
          <label htmlFor="q-lea">LEA ID</label>
          <input id="q-lea" inputMode="numeric" value={lea} onChange={set("lea")} />
        </div>
        <div className="field">
          <label htmlFor="q-fy">Fiscal year</label>
          <input id="q-fy" inputMode="numeric" value={fiscalYear} onChange={set("fiscalYear")} />
        </div>
      </form>
      {list.busy === "list" && <Busy label="Loading requests…" />}
      <Problems error={list.error} />
      {loaded && (
        <>
          <table aria-label={props.title}>
            <caption>
              {loaded.items.length < loaded.totalCount ? `${loaded.items.length} of ${loaded.totalCount}` : loaded.totalCount} request(s),{" "}
              {order === "OLDEST_FIRST" ? "oldest first" : "newest first"}
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
              {loaded.items.map((node) => (
                <Row key={node.id} request={node} />
              ))}
            </tbody>
          </table>
          <LoadMore list={list} what="requests" />
        </>
      )}
    </>
  );
}
