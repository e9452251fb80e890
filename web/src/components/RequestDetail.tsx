import { useCallback, useRef } from "react";
import { useQuery } from "urql";
import { graphql } from "../gql";
import { useLiveEvents } from "../live";
import { Flags } from "./Flags";
import { RecordCard } from "./RecordCard";
import { Evidence } from "./Evidence";
import { History } from "./History";
import { Actions } from "./Actions";
import { Busy, Problems } from "./Problems";

const RequestDetailQuery = graphql(`
  query RequestDetail($id: ID!) {
    viewer {
      role
    }
    changeRequest(id: $id) {
      id
      status
      version
      fiscalYear
      credits
      gradeLevel
      reason
      retiredSuid
      justification
      rejectionReason
      submittedAt
      submittedBy {
        name
      }
      student {
        suid
        firstName
        lastName
        exitedOn
        exitReason
      }
      school {
        name
        lea {
          name
        }
      }
      program {
        programNumber
        name
      }
      course {
        courseNumber
        name
      }
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
      record {
        id
        ...RecordCard_record
      }
      retiredSuidRecords {
        id
        ...RecordCard_record
      }
      ...Evidence_request
      ...History_request
      ...Actions_request
    }
  }
`);

/** One request: what is asked, its effect, the evidence, the history and the actions. */
export function RequestDetail(props: { id: string }) {
  const [result, reexecute] = useQuery({ query: RequestDetailQuery, variables: { id: props.id } });
  const reload = useCallback(() => reexecute({ requestPolicy: "network-only" }), [reexecute]);
  const statusLine = useRef<HTMLParagraphElement>(null);
  useLiveEvents(
    (event) => {
      if (event.changeRequestId === props.id) reload();
    },
    reload,
  );
  if (result.fetching && !result.data) return <Busy label="Loading the request…" />;
  if (result.error && !result.data) return <Problems error={result.error} />;
  const request = result.data?.changeRequest;
  if (!request) return <h1>Request not found</h1>;
  const s = request.student;
  return (
    <>
      <h1>
        Request for {s.firstName} {s.lastName} (SUID {s.suid})
      </h1>
      <p className="status-line" ref={statusLine} tabIndex={-1} aria-live="polite">
        Status: <strong data-testid="request-status">{request.status}</strong> · version {request.version}
        {request.rejectionReason && <> · rejection reason {request.rejectionReason}</>}
      </p>
      {request.advisories.length > 0 && (
        <section aria-labelledby="advisories-h" className="advisories">
          <h2 id="advisories-h">Advisories</h2>
          <ul>
            {request.advisories.map((a) => (
              <li key={a.code}>
                <strong>{a.code}</strong>: {a.message}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="facts-h">
        <h2 id="facts-h">What is asked</h2>
        <dl className="facts">
          <dt>School</dt>
          <dd>
            {request.school.name} ({request.school.lea.name})
          </dd>
          <dt>Program</dt>
          <dd>
            {request.program.programNumber} {request.program.name}
          </dd>
          <dt>Course</dt>
          <dd>
            {request.course.courseNumber} {request.course.name}
          </dd>
          <dt>Credits</dt>
          <dd>{request.credits}</dd>
          <dt>Grade level</dt>
          <dd>{request.gradeLevel}</dd>
          <dt>Fiscal year</dt>
          <dd>FY{request.fiscalYear}</dd>
          <dt>Reason</dt>
          <dd>{request.reason}</dd>
          {request.retiredSuid && (
            <>
              <dt>Retired SUID</dt>
              <dd>{request.retiredSuid}</dd>
            </>
          )}
          <dt>Justification</dt>
          <dd>{request.justification}</dd>
          <dt>Submitted</dt>
          <dd>
            {new Date(request.submittedAt).toLocaleString()} by {request.submittedBy.name}
          </dd>
          {s.exitedOn && (
            <>
              <dt>Left school</dt>
              <dd>
                {s.exitedOn} ({s.exitReason})
              </dd>
            </>
          )}
        </dl>
      </section>
      <section aria-labelledby="impact-h" className="impact">
        <h2 id="impact-h">Impact</h2>
        <p>{request.impact.changesStatus ? "Approving changes the student's status." : "Approving changes no status."}</p>
        <div className="before-after">
          <div>
            <h3>Before</h3>
            <Flags flags={request.impact.before} label="Status before" />
          </div>
          <div>
            <h3>After</h3>
            <Flags flags={request.impact.after} label="Status after" />
          </div>
        </div>
      </section>
      <Actions request={request} role={result.data!.viewer.role} reload={reload} onDone={() => statusLine.current?.focus()} />
      {request.record && (
        <section aria-labelledby="record-h">
          <h2 id="record-h">The record</h2>
          <RecordCard record={request.record} />
        </section>
      )}
      {request.retiredSuidRecords.length > 0 && (
        <section aria-labelledby="retired-h">
          <h2 id="retired-h">Records under the retired SUID {request.retiredSuid}</h2>
          <div className="side-by-side">
            {request.retiredSuidRecords.map((r) => (
              <RecordCard key={r.id} record={r} />
            ))}
          </div>
        </section>
      )}
      <Evidence request={request} />
      <History request={request} />
    </>
  );
}
