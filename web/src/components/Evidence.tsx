import { useEffect, useRef, useState } from "react";
import { graphql, getFragmentData, type FragmentType } from "../gql";
import { useSession } from "../session-context";

export const EvidenceFragment = graphql(`
  fragment Evidence_request on ChangeRequest {
    evidence {
      id
      filename
      contentType
      size
      downloadUrl
    }
  }
`);

/** One file, fetched with the token (a plain link could not send it) and shown inline. */
function InlineFile(props: { filename: string; contentType: string; url: string }) {
  // The token as it is when the file is fetched: a renewed one is no reason to fetch it again.
  const { token: current } = useSession();
  const token = useRef(current);
  token.current = current;
  const [objectUrl, setObjectUrl] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    let url: string | null = null;
    let cancelled = false;
    fetch(props.url, { headers: { Authorization: `Bearer ${token.current}` } })
      .then(async (response) => {
        if (!response.ok) throw new Error(`the server answered ${response.status}`);
        const blob = await response.blob();
        if (cancelled) return;
        url = URL.createObjectURL(blob);
        setObjectUrl(url);
      })
      .catch((error: Error) => !cancelled && setProblem(`${props.filename} could not be loaded: ${error.message}`));
    return () => {
      cancelled = true;
      if (url) URL.revokeObjectURL(url);
    };
  }, [props.url, props.filename]);
  if (problem) return <p role="alert">{problem}</p>;
  if (!objectUrl) return <p role="status">Loading {props.filename}…</p>;
  const download = (
    <a href={objectUrl} download={props.filename}>
      Download {props.filename}
    </a>
  );
  return (
    <figure className="evidence">
      {props.contentType === "application/pdf" ? (
        <object data={objectUrl} type="application/pdf" aria-label={`Transcript ${props.filename}`} className="pdf">
          {download}
        </object>
      ) : (
        <img src={objectUrl} alt={`Transcript ${props.filename}`} />
      )}
      <figcaption>
        {props.filename} {download}
      </figcaption>
    </figure>
  );
}

export function Evidence(props: { request: FragmentType<typeof EvidenceFragment> }) {
  const { evidence } = getFragmentData(EvidenceFragment, props.request);
  return (
    <section aria-labelledby="evidence-h">
      <h2 id="evidence-h">Evidence</h2>
      {evidence.length === 0 && <p>No file attached.</p>}
      {evidence.map((file) => (
        <InlineFile key={file.id} filename={file.filename} contentType={file.contentType} url={file.downloadUrl} />
      ))}
    </section>
  );
}
