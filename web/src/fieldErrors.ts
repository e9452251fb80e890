/** Where each userError goes: next to the form control its `field` path names. */

export interface UserErrorLike {
  code: string;
  message: string;
  field?: readonly string[] | null;
}

export interface PlacedErrors {
  /** By control name: the input path without its leading "input" and any list index. */
  byField: Record<string, UserErrorLike[]>;
  /** Errors that name no control of the form (or none at all): shown at the top of the form. */
  general: UserErrorLike[];
}

/** ["input", "evidence", "1"] -> "evidence"; ["input", "gradeLevel"] -> "gradeLevel". */
export function controlOf(field: readonly string[] | null | undefined): string | null {
  if (!field || field.length === 0) return null;
  const parts = field[0] === "input" ? field.slice(1) : field.slice();
  const named = parts.filter((part) => !/^\d+$/.test(part));
  return named.length ? named.join(".") : null;
}

export function placeErrors(errors: readonly UserErrorLike[], controls: readonly string[]): PlacedErrors {
  const placed: PlacedErrors = { byField: {}, general: [] };
  for (const error of errors) {
    const control = controlOf(error.field);
    if (control && controls.includes(control)) {
      (placed.byField[control] ??= []).push(error);
    } else {
      placed.general.push(error);
    }
  }
  return placed;
}

/** The attributes that tie a control to its errors (shown by a FieldError of id `errorId`):
 * none while it has none. */
export function errorAttributes(placed: PlacedErrors, control: string, errorId = `e-${control}`): { "aria-describedby"?: string; "aria-invalid"?: true } {
  return placed.byField[control] ? { "aria-describedby": errorId, "aria-invalid": true } : {};
}

/** A top-level GraphQL error as shown to a person: its message and its code. */
export function describeTopLevel(error: { message: string; extensions?: Record<string, unknown> }): string {
  const code = error.extensions?.code;
  return typeof code === "string" ? `${error.message} (${code})` : error.message;
}
