import { useRef, useState, type FormEvent } from "react";
import { useFocusProblems } from "../focus";
import { useMutation, useQuery } from "urql";
import { graphql } from "../gql";
import { placeErrors, type UserErrorLike } from "../fieldErrors";
import { Busy, FieldError, Problems } from "./Problems";

const StatusQuery = graphql(`
  query FiscalCalendar {
    fiscalYearStatus {
      enrollmentFiscalYear
      participantFiscalYear
      preliminaryRecordsCreatedOn
      finalRecordsCreatedOn
      creditAdjustmentWindowOpen
    }
  }
`);

const SetDates = graphql(`
  mutation SetFiscalYearDates($input: SetFiscalYearDatesInput!) {
    setFiscalYearDates(input: $input) {
      fiscalYearDates {
        fiscalYear
      }
      userErrors {
        code
        message
        field
      }
    }
  }
`);

/** Admins: the fiscal calendar now, and the dates of a fiscal year's P/C records. */
export function FiscalCalendar() {
  const [result, reexecute] = useQuery({ query: StatusQuery });
  const [state, setDates] = useMutation(SetDates);
  const [fiscalYear, setFiscalYear] = useState("");
  const [preliminary, setPreliminary] = useState("");
  const [final, setFinal] = useState("");
  const [errors, setErrors] = useState<UserErrorLike[]>([]);
  const [saved, setSaved] = useState<number | null>(null);
  const form = useRef<HTMLFormElement>(null);
  useFocusProblems(form, errors);
  const placed = placeErrors(errors, ["fiscalYear", "preliminaryRecordsCreatedOn", "finalRecordsCreatedOn"]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const outcome = await setDates({
      input: { fiscalYear: Number(fiscalYear), preliminaryRecordsCreatedOn: preliminary || null, finalRecordsCreatedOn: final || null },
    });
    const payload = outcome.data?.setFiscalYearDates;
    setErrors(payload?.userErrors ?? []);
    setSaved(payload?.fiscalYearDates?.fiscalYear ?? null);
    if (payload?.fiscalYearDates) reexecute({ requestPolicy: "network-only" });
  };
  const s = result.data?.fiscalYearStatus;
  return (
    <>
      <h1>Fiscal calendar</h1>
      {result.fetching && !s && <Busy label="Loading…" />}
      <Problems error={result.error} />
      {s && (
        <dl className="facts">
          <dt>Enrollment fiscal year</dt>
          <dd>FY{s.enrollmentFiscalYear}</dd>
          <dt>Participant fiscal year</dt>
          <dd>FY{s.participantFiscalYear}</dd>
          <dt>Preliminary records created on</dt>
          <dd>{s.preliminaryRecordsCreatedOn ?? "not set"}</dd>
          <dt>Final records created on</dt>
          <dd>{s.finalRecordsCreatedOn ?? "not set"}</dd>
          <dt>Credit adjustment window</dt>
          <dd>{s.creditAdjustmentWindowOpen ? "open" : "closed"}</dd>
        </dl>
      )}
      <form ref={form} onSubmit={submit} className="stacked" aria-label="Set fiscal year dates">
        <h2>Set a fiscal year's dates</h2>
        <Problems error={state.error} userErrors={placed.general} />
        {saved !== null && <p role="status">FY{saved} saved.</p>}
        <div className="field">
          <label htmlFor="c-fy">Fiscal year</label>
          <input id="c-fy" aria-describedby={placed.byField.fiscalYear ? "e-c-fy" : undefined} aria-invalid={placed.byField.fiscalYear ? true : undefined} inputMode="numeric" value={fiscalYear} onChange={(e) => setFiscalYear(e.target.value)} />
          <FieldError id="e-c-fy" errors={placed.byField.fiscalYear} />
        </div>
        <div className="field">
          <label htmlFor="c-pre">Preliminary records created on</label>
          <input id="c-pre" aria-describedby={placed.byField.preliminaryRecordsCreatedOn ? "e-c-pre" : undefined} aria-invalid={placed.byField.preliminaryRecordsCreatedOn ? true : undefined} type="date" value={preliminary} onChange={(e) => setPreliminary(e.target.value)} />
          <FieldError id="e-c-pre" errors={placed.byField.preliminaryRecordsCreatedOn} />
        </div>
        <div className="field">
          <label htmlFor="c-final">Final records created on</label>
          <input id="c-final" aria-describedby={placed.byField.finalRecordsCreatedOn ? "e-c-final" : undefined} aria-invalid={placed.byField.finalRecordsCreatedOn ? true : undefined} type="date" value={final} onChange={(e) => setFinal(e.target.value)} />
          <FieldError id="e-c-final" errors={placed.byField.finalRecordsCreatedOn} />
        </div>
        <button type="submit" disabled={state.fetching}>
          Save dates
        </button>
      </form>
    </>
  );
}
