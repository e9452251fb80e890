import { graphql, getFragmentData, type FragmentType } from "../gql";

export const HistoryFragment = graphql(`
  fragment History_request on ChangeRequest {
    history {
      id
      kind
      at
      comment
      toStatus
      actor {
        name
        role
      }
    }
  }
`);

export function History(props: { request: FragmentType<typeof HistoryFragment> }) {
  const { history } = getFragmentData(HistoryFragment, props.request);
  return (
    <section aria-labelledby="history-h">
      <h2 id="history-h">History</h2>
      <ol className="history">
        {history.map((event) => (
          <li key={event.id}>
            <strong>{event.kind}</strong> by {event.actor.name} ({event.actor.role}) on{" "}
            {new Date(event.at).toLocaleString()} → {event.toStatus}
            {event.comment && <blockquote>{event.comment}</blockquote>}
          </li>
        ))}
      </ol>
    </section>
  );
}
