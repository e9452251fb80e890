/** One idempotency key per distinct submission: the same input (a double click, a retry after a
 * lost answer) reuses the key, so the server returns the first request instead of a second one;
 * any change to the input makes a new key. */

export class SubmissionKeys {
  private fingerprint: string | null = null;
  private key = "";

  constructor(private readonly newKey: () => string = () => crypto.randomUUID()) {}

  keyFor(input: unknown, files: readonly { name: string; size: number; lastModified?: number }[]): string {
    const fingerprint = JSON.stringify([input, files.map((f) => [f.name, f.size, f.lastModified ?? 0])]);
    if (fingerprint !== this.fingerprint) {
      this.fingerprint = fingerprint;
      this.key = this.newKey();
    }
    return this.key;
  }

  /** After a request was made, the next submission is a new one even with equal input. */
  reset(): void {
    this.fingerprint = null;
  }
}
