/**
 * How an entry is named in a scan's selection and checkpoint sets: evidence id and entry key
 * (folder evidence: the relative path; images: `<fs id>:<entry id>`).
 */
export function selectionKey(evidenceId: number, entryKey: string): string {
  return `${evidenceId}\u0000${entryKey}`
}
