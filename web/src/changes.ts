/** What changed in a request between two reads: shown after a STALE_VERSION refusal, so that
 * the reviewer decides on what the request is now. */

export interface RequestSnapshot {
  version: number;
  status: string;
  credits: string;
  justification: string;
  evidenceCount: number;
}

export function describeChanges(before: RequestSnapshot, after: RequestSnapshot): string[] {
  const changes: string[] = [];
  if (before.status !== after.status) changes.push(`Status: ${before.status} → ${after.status}`);
  if (before.credits !== after.credits) changes.push(`Credits: ${before.credits} → ${after.credits}`);
  if (before.justification !== after.justification) changes.push("The justification was changed.");
  if (before.evidenceCount !== after.evidenceCount) {
    changes.push(`Evidence files: ${before.evidenceCount} → ${after.evidenceCount}`);
  }
  if (changes.length === 0 && before.version !== after.version) {
    changes.push(`Version ${before.version} → ${after.version} (comments or history only).`);
  }
  return changes;
}
