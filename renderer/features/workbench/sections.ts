/** The sections of the workbench, in navigation order. */
export const SECTIONS = [
  'home',
  'evidence',
  'scan',
  'findings',
  'timeline',
  'coverage',
  'rules',
  'share',
  'partners',
  'audit',
  'settings',
] as const

/** One of {@link SECTIONS}. */
export type Section = (typeof SECTIONS)[number]

/** The navigation label (and accessible name) of each section. */
export const SECTION_LABELS: Readonly<Record<Section, string>> = {
  home: 'Home',
  evidence: 'Evidence',
  scan: 'Scan',
  findings: 'Findings',
  timeline: 'Timeline',
  coverage: 'Coverage',
  rules: 'Rules',
  share: 'Share',
  partners: 'Partners',
  audit: 'Audit',
  settings: 'Settings',
}
