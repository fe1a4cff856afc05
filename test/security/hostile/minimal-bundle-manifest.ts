/**
 * The smallest `manifest.json` a bundle may carry (every field present, nothing listed): the
 * valid starting point the hostile-manifest tests damage.
 */
const UUID = '123e4567-e89b-42d3-a456-426614174000'

export function minimalBundleManifest(replaced: Record<string, number> = {}) {
  return {
    format: 'outpost-bundle/1',
    bundle_id: UUID,
    created: '2026-11-26T10:00:00Z',
    tlp: 'amber',
    producer: {
      org: 'X',
      org_uuid: UUID,
      tool: 'Outpost',
      version: '1',
      key_id: null,
      examiner: null,
    },
    case: { uuid: UUID, name: 'C', case_number: null },
    redaction: { profile: 'none', rules: [], replaced },
    counts: {
      evidence: 0,
      rules: 0,
      findings: 0,
      notes: 0,
      withheld_above_tlp: 0,
      withheld_notes_above_tlp: 0,
      filtered_out: 0,
    },
    audit_head: null,
    files: [],
  }
}
