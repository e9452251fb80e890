import { graphql, getFragmentData, type FragmentType } from "../gql";
import { Flags } from "./Flags";

export const RecordCardFragment = graphql(`
  fragment RecordCard_record on ParticipantRecord {
    id
    fiscalYear
    school {
      name
    }
    program {
      programNumber
      name
    }
    courses {
      course {
        courseNumber
        name
        kind
      }
      reportedCredits
      insertedCredits
      totalCredits
    }
    status {
      ...Flags_flags
    }
  }
`);

export function RecordCard(props: { record: FragmentType<typeof RecordCardFragment> }) {
  const record = getFragmentData(RecordCardFragment, props.record);
  const title = `${record.program.programNumber} ${record.program.name}, FY${record.fiscalYear}`;
  return (
    <section className="card" aria-label={title}>
      <h3>{title}</h3>
      <p>{record.school.name}</p>
      <table>
        <caption>Credits by course</caption>
        <thead>
          <tr>
            <th scope="col">Course</th>
            <th scope="col">Kind</th>
            <th scope="col">Reported</th>
            <th scope="col">Inserted</th>
            <th scope="col">Total</th>
          </tr>
        </thead>
        <tbody>
          {record.courses.map((c) => (
            <tr key={c.course.courseNumber}>
              <th scope="row">
                {c.course.courseNumber} {c.course.name}
              </th>
              <td>{c.course.kind}</td>
              <td>{c.reportedCredits}</td>
              <td>{c.insertedCredits}</td>
              <td>{c.totalCredits}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Flags flags={record.status} label={`Status of ${title}`} />
    </section>
  );
}
