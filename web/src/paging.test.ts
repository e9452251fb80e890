import { describe, expect, it } from "vitest";
import { appendPage, reread, Serial, type PageOf } from "./paging";

interface Item {
  id: string;
  at: number;
}

/** A server's keyset connection over a list that tests change between calls. */
function server(rows: Item[], size: number) {
  const calls: Array<string | null> = [];
  const fetchPage = async (after: string | null): Promise<PageOf<Item>> => {
    calls.push(after);
    const ordered = [...rows].sort((a, b) => a.at - b.at);
    const start = after === null ? 0 : ordered.findIndex((r) => r.at > Number(after));
    const rest = start < 0 ? [] : ordered.slice(start);
    const items = rest.slice(0, size);
    return { items, endCursor: items.length ? String(items.at(-1)!.at) : null, hasNextPage: rest.length > size, totalCount: ordered.length };
  };
  return { fetchPage, calls };
}

const rows = (n: number, from = 1): Item[] => Array.from({ length: n }, (_, i) => ({ id: `r${from + i}`, at: from + i }));
const ids = (page: PageOf<Item>) => page.items.map((i) => i.id);
const byTime = (a: Item, b: Item) => a.at - b.at;

async function loadPages(fetchPage: (after: string | null) => Promise<PageOf<Item>>, pages: number) {
  let loaded = appendPage<Item>(null, await fetchPage(null));
  for (let i = 1; i < pages; i++) loaded = appendPage(loaded, await fetchPage(loaded.endCursor));
  return loaded;
}

describe("paging", () => {
  it("appends a page after the items shown, leaving out those already there", () => {
    const first = { items: rows(2), endCursor: "2", hasNextPage: true, totalCount: 4 };
    const next = { items: [...rows(1, 2), ...rows(2, 3)], endCursor: "4", hasNextPage: false, totalCount: 4 };
    const both = appendPage(first, next);
    expect(ids(both)).toEqual(["r1", "r2", "r3", "r4"]);
    expect(both).toMatchObject({ endCursor: "4", hasNextPage: false, totalCount: 4 });
  });

  it("loads 250 items in pages of 100 with the count of all", async () => {
    const { fetchPage, calls } = server(rows(250), 100);
    const loaded = await loadPages(fetchPage, 3);
    expect(loaded.items).toHaveLength(250);
    expect(new Set(ids(loaded)).size).toBe(250);
    expect(loaded.hasNextPage).toBe(false);
    expect(calls).toEqual([null, "100", "200"]);
  });

  it("rereads as far as before: decided items leave, the next ones move up", async () => {
    const data = rows(250);
    const { fetchPage } = server(data, 100);
    const before = await loadPages(fetchPage, 2);
    data.splice(0, 3); // r1, r2, r3 decided
    const after = await reread(fetchPage, before, byTime);
    expect(ids(after)).not.toContain("r1");
    expect(after.items).toHaveLength(200);
    expect(ids(after).slice(0, 1)).toEqual(["r4"]);
    expect(after.totalCount).toBe(247);
    expect(after.hasNextPage).toBe(true);
  });

  it("rereads a list loaded to its end: a new item appears at its place, none twice", async () => {
    const data = rows(120);
    const { fetchPage } = server(data, 100);
    const before = await loadPages(fetchPage, 2);
    expect(before.hasNextPage).toBe(false);
    data.push({ id: "new", at: 500 });
    const after = await reread(fetchPage, before, byTime);
    expect(ids(after).at(-1)).toBe("new");
    expect(after.items).toHaveLength(121);
    expect(new Set(ids(after)).size).toBe(121);
  });

  it("a new item beyond the pages shown only raises the count", async () => {
    const data = rows(250);
    const { fetchPage } = server(data, 100);
    const before = await loadPages(fetchPage, 1);
    data.push({ id: "new", at: 500 });
    const after = await reread(fetchPage, before, byTime);
    expect(ids(after)).toEqual(ids(before));
    expect(after.totalCount).toBe(251);
  });

  it("an item entering the middle does not push the last one shown out", async () => {
    const data = rows(200, 10);
    const { fetchPage } = server(data, 100);
    const before = await loadPages(fetchPage, 1); // r10 .. r109
    data.push({ id: "back", at: 50.5 }); // a request back in the filter, submitted long ago
    const after = await reread(fetchPage, before, byTime);
    expect(ids(after)).toContain("back");
    expect(ids(after)).toContain("r109");
    expect(new Set(ids(after)).size).toBe(after.items.length);
  });

  it("runs tasks in turn and makes one of a burst under the same key", async () => {
    const serial = new Serial();
    const done: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    serial.run("more", async () => {
      await gate;
      done.push("more");
    });
    for (let i = 0; i < 5; i++) serial.run("reread", async () => void done.push(`reread ${i}`));
    serial.run("all", async () => void done.push("all"));
    release();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(done).toEqual(["more", "reread 4", "all"]);
  });
});
