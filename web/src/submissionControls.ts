/** Where each field of an insert credits submission is edited, so that its refusals show at
 * that control: the SUID and school are the Find records form's (the search the Insert credits
 * form was opened for), the rest the Insert credits form's. */

import { placeErrors, type PlacedErrors, type UserErrorLike } from "./fieldErrors";

const SEARCH_CONTROLS = ["suid", "schoolEntityId"];
const FORM_CONTROLS = ["programNumber", "courseNumber", "credits", "gradeLevel", "reason", "retiredSuid", "justification", "evidence"];

/** A submission's userErrors by control of either form; those naming neither are `general`. */
export function placeSubmissionErrors(errors: readonly UserErrorLike[]): PlacedErrors {
  return placeErrors(errors, [...SEARCH_CONTROLS, ...FORM_CONTROLS]);
}
