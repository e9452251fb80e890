import { graphql, getFragmentData, type FragmentType } from "../gql";

export const FlagsFragment = graphql(`
  fragment Flags_flags on StatusFlags {
    participant
    concentrator
    completer
    placementSurveyEligible
  }
`);

const NAMES = [
  ["participant", "Participant"],
  ["concentrator", "Concentrator"],
  ["completer", "Completer"],
  ["placementSurveyEligible", "Placement survey eligible"],
] as const;

export function Flags(props: { flags: FragmentType<typeof FlagsFragment>; label: string }) {
  const flags = getFragmentData(FlagsFragment, props.flags);
  return (
    <ul className="flags" aria-label={props.label}>
      {NAMES.map(([key, name]) => (
        <li key={key} className={flags[key] ? "flag on" : "flag off"}>
          {name}: <strong>{flags[key] ? "yes" : "no"}</strong>
        </li>
      ))}
    </ul>
  );
}
