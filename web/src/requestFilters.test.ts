import { describe, expect, it } from "vitest";
import { changeRequestFilter, filtersFromQuery, OPEN, queryOfFilters } from "./requestFilters";

const none = { school: "", lea: "", fiscalYear: "" };

describe("request list filters in the query string", () => {
  it("reads the defaults from an empty query", () => {
    expect(filtersFromQuery("", "OPEN")).toEqual({ status: "OPEN", ...none });
    expect(filtersFromQuery("?", "ALL")).toEqual({ status: "ALL", ...none });
  });
  it("writes nothing for the defaults, so the list's plain address stays plain", () => {
    expect(queryOfFilters({ status: "OPEN", ...none }, "OPEN")).toBe("");
    expect(queryOfFilters({ status: "ALL", ...none }, "ALL")).toBe("");
    expect(queryOfFilters({ status: "OPEN", ...none }, "ALL")).toBe("status=OPEN");
  });
  it("gives back what it wrote, typed text included", () => {
    const values = { status: "APPROVED", school: "79012", lea: "4235", fiscalYear: " 2026" };
    const query = queryOfFilters(values, "OPEN");
    expect(query).toBe("status=APPROVED&school=79012&lea=4235&fiscalYear=+2026");
    expect(filtersFromQuery(`?${query}`, "OPEN")).toEqual(values);
    expect(filtersFromQuery(query, "OPEN")).toEqual(values);
    const half = { status: "ALL", school: "", lea: "a&b=c", fiscalYear: "" };
    expect(filtersFromQuery(queryOfFilters(half, "OPEN"), "OPEN")).toEqual(half);
  });
  it("takes a status it does not know as the default, and ignores other parameters", () => {
    expect(filtersFromQuery("?status=LOST&utm=x", "OPEN")).toEqual({ status: "OPEN", ...none });
    expect(filtersFromQuery("?status=WITHDRAWN", "OPEN").status).toBe("WITHDRAWN");
  });
  it("makes the API's filter: numbers where numbers are typed, nothing for the rest", () => {
    expect(changeRequestFilter({ status: "OPEN", school: "79012", lea: "x", fiscalYear: " " })).toEqual({
      status: OPEN,
      schoolEntityId: 79012,
      leaEntityId: null,
      fiscalYear: null,
    });
    expect(changeRequestFilter({ status: "ALL", ...none }).status).toBeNull();
    expect(changeRequestFilter({ status: "REJECTED", ...none }).status).toEqual(["REJECTED"]);
  });
});
