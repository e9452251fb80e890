/** The evidence rules the server applies, checked before upload too so that a person learns at
 * once: at most 5 files, 10 MiB each, PDF, PNG or JPEG judged from the file's first bytes. */

export const MAX_FILES = 5;
export const MAX_BYTES = 10 * 1024 * 1024;

const SIGNATURES: Array<[string, number[]]> = [
  ["application/pdf", [0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
  ["image/png", [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ["image/jpeg", [0xff, 0xd8, 0xff]],
];

export function detectType(head: Uint8Array): string | null {
  for (const [type, signature] of SIGNATURES) {
    if (signature.every((byte, i) => head[i] === byte)) return type;
  }
  return null;
}

export interface FileLike {
  name: string;
  size: number;
  slice(start: number, end: number): { arrayBuffer(): Promise<ArrayBuffer> };
}

/** The problems of a set of files, one message each; empty when they may be sent. */
export async function checkFiles(files: readonly FileLike[]): Promise<string[]> {
  const problems: string[] = [];
  if (files.length > MAX_FILES) problems.push(`At most ${MAX_FILES} files can be attached.`);
  for (const file of files) {
    if (file.size > MAX_BYTES) {
      problems.push(`${file.name} is larger than 10 MiB.`);
      continue;
    }
    const head = new Uint8Array(await file.slice(0, 8).arrayBuffer());
    if (detectType(head) === null) problems.push(`${file.name} is not a PDF, PNG or JPEG file.`);
  }
  return problems;
}
