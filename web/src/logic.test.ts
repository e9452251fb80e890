import { describe, expect, it } from "vitest";
import { describeChanges } from "./changes";
import { documentHash } from "./client";
import { toCsv } from "./csv";
import { checkFiles, detectType, MAX_BYTES } from "./evidence";
import { EventCursor } from "./eventCursor";
import { controlOf, describeTopLevel, errorAttributes, placeErrors } from "./fieldErrors";
import { SubmissionKeys } from "./idempotency";
import { routeOf } from "./router";
import { placeSubmissionErrors } from "./submissionControls";
import { tokenExpired } from "./session";

const bytes = (...values: number[]) => new Uint8Array(values);
const file = (name: string, content: Uint8Array, size = content.length) => ({
  name,
  size,
  slice: (start: number, end: number) => ({ arrayBuffer: async () => content.slice(start, end).buffer }),
});

describe("field errors", () => {
  it("maps input paths to form controls, dropping list indexes", () => {
    expect(controlOf(["input", "gradeLevel"])).toBe("gradeLevel");
    expect(controlOf(["input", "evidence", "1"])).toBe("evidence");
    expect(controlOf(null)).toBeNull();
  });
  it("puts errors of unknown controls or none with the form", () => {
    const placed = placeErrors(
      [
        { code: "GRADE_BELOW_NINE", message: "grade", field: ["input", "gradeLevel"] },
        { code: "NO_PARTICIPANT_RECORD", message: "none", field: ["input", "suid"] },
        { code: "FORBIDDEN", message: "no", field: null },
      ],
      ["gradeLevel", "credits"],
    );
    expect(Object.keys(placed.byField)).toEqual(["gradeLevel"]);
    expect(placed.general.map((e) => e.code)).toEqual(["NO_PARTICIPANT_RECORD", "FORBIDDEN"]);
  });
  it("places a submission's SUID and school errors at the Find records form's controls", () => {
    const placed = placeSubmissionErrors([
      { code: "STUDENT_EXITED", message: "left", field: ["input", "suid"] },
      { code: "FORBIDDEN", message: "not yours", field: ["input", "schoolEntityId"] },
      { code: "INVALID_INPUT", message: "same", field: ["input", "retiredSuid"] },
      { code: "INVALID_INPUT", message: "key", field: ["input", "idempotencyKey"] },
    ]);
    expect(Object.keys(placed.byField).sort()).toEqual(["retiredSuid", "schoolEntityId", "suid"]);
    expect(placed.general.map((e) => e.message)).toEqual(["key"]);
  });
  it("ties a control to its errors only while it has some", () => {
    const placed = placeErrors([{ code: "STUDENT_EXITED", message: "left", field: ["input", "suid"] }], ["suid", "credits"]);
    expect(errorAttributes(placed, "suid")).toEqual({ "aria-describedby": "e-suid", "aria-invalid": true });
    expect(errorAttributes(placed, "suid", "suid-error")["aria-describedby"]).toBe("suid-error");
    expect(errorAttributes(placed, "credits")).toEqual({});
  });
  it("shows a top-level error's code", () => {
    expect(describeTopLevel({ message: "Sign in", extensions: { code: "UNAUTHENTICATED" } })).toBe("Sign in (UNAUTHENTICATED)");
    expect(describeTopLevel({ message: "plain" })).toBe("plain");
  });
});

describe("evidence checks", () => {
  it("judges the type from the first bytes", () => {
    expect(detectType(bytes(0x25, 0x50, 0x44, 0x46, 0x2d, 0x31))).toBe("application/pdf");
    expect(detectType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))).toBe("image/png");
    expect(detectType(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe("image/jpeg");
    expect(detectType(bytes(0x50, 0x4b, 0x03, 0x04))).toBeNull();
  });
  it("refuses a renamed file, a large one and a sixth one", async () => {
    const pdf = bytes(0x25, 0x50, 0x44, 0x46, 0x2d);
    expect(await checkFiles([file("a.pdf", pdf)])).toEqual([]);
    expect(await checkFiles([file("notes.pdf", bytes(0x68, 0x69))])).toEqual(["notes.pdf is not a PDF, PNG or JPEG file."]);
    expect(await checkFiles([file("big.pdf", pdf, MAX_BYTES + 1)])).toEqual(["big.pdf is larger than 10 MiB."]);
    const six = Array.from({ length: 6 }, (_, i) => file(`${i}.pdf`, pdf));
    expect(await checkFiles(six)).toEqual(["At most 5 files can be attached."]);
  });
});

describe("idempotency keys", () => {
  it("keeps the key for the same input and changes it for another", () => {
    let n = 0;
    const keys = new SubmissionKeys(() => `k${++n}`);
    const input = { suid: "1", credits: "0.5" };
    expect(keys.keyFor(input, [])).toBe("k1");
    expect(keys.keyFor({ ...input }, [])).toBe("k1");
    expect(keys.keyFor({ ...input, credits: "1" }, [])).toBe("k2");
    expect(keys.keyFor({ ...input, credits: "1" }, [{ name: "t.pdf", size: 3 }])).toBe("k3");
    keys.reset();
    expect(keys.keyFor({ ...input, credits: "1" }, [{ name: "t.pdf", size: 3 }])).toBe("k4");
  });
});

describe("event cursor", () => {
  it("resumes after the last event and drops repeats", () => {
    const cursor = new EventCursor(2);
    expect(cursor.after).toBeNull();
    expect(cursor.accept("e1")).toBe(true);
    expect(cursor.accept("e2")).toBe(true);
    expect(cursor.accept("e1")).toBe(false);
    expect(cursor.after).toBe("e2");
    expect(cursor.accept("e3")).toBe(true);
    expect(cursor.accept("e1")).toBe(true); // forgotten beyond the limit
  });
});

describe("stale version changes", () => {
  it("lists what changed", () => {
    const before = { version: 3, status: "PENDING_REVIEW", credits: "0.5", justification: "a", evidenceCount: 1 };
    expect(describeChanges(before, { ...before, version: 5, credits: "0.75", evidenceCount: 2 })).toEqual([
      "Credits: 0.5 → 0.75",
      "Evidence files: 1 → 2",
    ]);
    expect(describeChanges(before, { ...before, version: 4 })).toEqual(["Version 3 → 4 (comments or history only)."]);
  });
});

describe("csv", () => {
  it("quotes what needs quoting and defuses formulas", () => {
    expect(toCsv(["a", "b"], [["x,y", 'say "hi"'], ["=1+1", null]])).toBe('a,b\r\n"x,y","say ""hi"""\r\n\'=1+1,\r\n');
  });
});

describe("routes and tokens", () => {
  it("routes the request detail by global id", () => {
    expect(routeOf("/requests/Q2hhbmdl%3D")).toEqual({ page: "request", id: "Q2hhbmdl=" });
    expect(routeOf("/")).toEqual({ page: "home" });
    expect(routeOf("/nope")).toEqual({ page: "notFound" });
  });
  it("treats a token past its exp, or garbage, as expired", () => {
    const token = (exp: number) => `x.${btoa(JSON.stringify({ exp }))}.y`;
    expect(tokenExpired(token(100), 99_000)).toBe(false);
    expect(tokenExpired(token(100), 100_000)).toBe(true);
    expect(tokenExpired("garbage")).toBe(true);
  });
});

describe("persisted documents", () => {
  it("sends the plain hex of the embedded sha256 hash", () => {
    expect(documentHash({ __meta__: { hash: "sha256:ab12" } })).toBe("ab12");
    expect(documentHash({ kind: "Document" })).toBeUndefined();
  });
});
