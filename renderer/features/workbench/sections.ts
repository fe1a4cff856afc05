/** The sections of the workbench, in navigation order. */
export const SECTIONS = [
  'evidence',
  'scan',
  'findings',
  'coverage',
  'rules',
  'share',
  'partners',
  'audit',
] as const

/** One of {@link SECTIONS}. */
export type Section = (typeof SECTIONS)[number]

/** The navigation label (and accessible name) of each section. */
export const SECTION_LABELS: Readonly<Record<Section, string>> = {
  evidence: 'Evidence',
  scan: 'Scan',
  findings: 'Findings',
  coverage: 'Coverage',
  rules: 'Rules',
  share: 'Share',
  partners: 'Partners',
  audit: 'Audit',
}
