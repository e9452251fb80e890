/** The filters of a list of requests (the reviewer's queue, "My requests"), kept in the page's
 * query string: opening a request and coming back (Back), a reload or a shared link show the
 * same filtered list. */

import type { ChangeRequestFilter, ChangeRequestStatus } from "./gql/graphql";

/** What the filter controls hold, as typed. */
export interface FilterValues {
  /** "OPEN", "ALL" or one ChangeRequestStatus. */
  status: string;
  school: string;
  lea: string;
  fiscalYear: string;
}

export const OPEN: ChangeRequestStatus[] = ["PENDING_REVIEW", "MORE_INFORMATION_REQUESTED"];
export const STATUSES: ChangeRequestStatus[] = ["PENDING_REVIEW", "MORE_INFORMATION_REQUESTED", "APPROVED", "REJECTED", "WITHDRAWN"];
const STATUS_CHOICES = ["OPEN", "ALL", ...STATUSES];
const TEXT_KEYS = ["school", "lea", "fiscalYear"] as const;

/** The values a query string gives ("?status=APPROVED&school=79012"); what it leaves out, or a
 * status that is not one, is the list's default. */
export function filtersFromQuery(query: string, defaultStatus: string): FilterValues {
  const params = new URLSearchParams(query);
  const status = params.get("status");
  return {
    status: status && STATUS_CHOICES.includes(status) ? status : defaultStatus,
    school: params.get("school") ?? "",
    lea: params.get("lea") ?? "",
    fiscalYear: params.get("fiscalYear") ?? "",
  };
}

/** The query string (without "?") that gives `values` back: defaults and empty fields left out. */
export function queryOfFilters(values: FilterValues, defaultStatus: string): string {
  const params = new URLSearchParams();
  if (values.status !== defaultStatus) params.set("status", values.status);
  for (const key of TEXT_KEYS) if (values[key]) params.set(key, values[key]);
  return params.toString();
}

const numberOrNull = (text: string) => (text.trim() && Number.isFinite(Number(text)) ? Number(text) : null);

/** The API's filter for the values: a field that is not a number filters nothing. */
export function changeRequestFilter(values: FilterValues): ChangeRequestFilter {
  const { status } = values;
  return {
    status: status === "OPEN" ? OPEN : status === "ALL" ? null : [status as ChangeRequestStatus],
    schoolEntityId: numberOrNull(values.school),
    leaEntityId: numberOrNull(values.lea),
    fiscalYear: numberOrNull(values.fiscalYear),
  };
}
