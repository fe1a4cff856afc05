import { SECTION_LABELS, SECTIONS } from './sections'
import type { Section } from './sections'

/** Props of {@link SectionNav}. */
export interface SectionNavProps {
  readonly current: Section
  readonly onChange: (section: Section) => void
  /** A short badge per section (e.g. the running scan's percentage). */
  readonly badges?: Readonly<Partial<Record<Section, string>>>
}

/**
 * The left navigation: one button per section, the current one marked `aria-current="page"`.
 */
export function SectionNav({ current, onChange, badges }: SectionNavProps) {
  return (
    <nav className="side-nav" aria-label="Sections">
      <ul>
        {SECTIONS.map((section) => (
          <li key={section}>
            <button
              type="button"
              className="nav-button"
              aria-current={section === current ? 'page' : undefined}
              onClick={() => {
                onChange(section)
              }}
            >
              {SECTION_LABELS[section]}
              {badges?.[section] !== undefined && (
                <span className="nav-badge" aria-hidden="true">
                  {badges[section]}
                </span>
              )}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  )
}
