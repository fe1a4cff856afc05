import type { Section } from '../workbench/sections'

/** Props of {@link NextSteps}. */
export interface NextStepsProps {
  readonly hasEvidence: boolean
  readonly onGoTo: (section: Section) => void
}

/**
 * What to do next in a case with no scan yet: add evidence, then run a scan.
 */
export function NextSteps({ hasEvidence, onGoTo }: NextStepsProps) {
  return (
    <section className="card home-card next-steps" aria-labelledby="home-next-title">
      <h3 id="home-next-title">Next steps</h3>
      <ol>
        <li>
          {hasEvidence
            ? 'Evidence added.'
            : 'Start by adding the evidence: a folder, a file or a disk image.'}{' '}
          <button
            type="button"
            className={hasEvidence ? undefined : 'primary'}
            onClick={() => {
              onGoTo('evidence')
            }}
          >
            Add evidence
          </button>
        </li>
        <li>
          No scan yet — scan the evidence with your rule packs.{' '}
          <button
            type="button"
            className={hasEvidence ? 'primary' : undefined}
            onClick={() => {
              onGoTo('scan')
            }}
          >
            Run a scan
          </button>
        </li>
      </ol>
    </section>
  )
}
