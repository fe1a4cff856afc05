import { useEffect, useReducer } from 'react'
import type { EvidenceProgress } from '../../../main/core/model/evidence'
import { on } from '../../lib/api'
import { percent } from '../../lib/format'

/** The live state of the work that follows adding images (listing, hashing). */
export interface EvidenceActivity {
  /** The latest `evidence:progress` of each evidence item, by id. */
  readonly progress: ReadonlyMap<number, EvidenceProgress>
  /** Counts `phase: 'done'` events: the evidence list and its browser refresh when it changes. */
  readonly revision: number
}

const INITIAL: EvidenceActivity = { progress: new Map(), revision: 0 }

function reduce(state: EvidenceActivity, event: EvidenceProgress): EvidenceActivity {
  const progress = new Map(state.progress)
  progress.set(event.evidenceId, event)
  return { progress, revision: state.revision + (event.phase === 'done' ? 1 : 0) }
}

/**
 * Follow `evidence:progress` for as long as the workbench is open, so an hour-long hash keeps
 * being followed whatever section is shown.
 */
export function useEvidenceActivity(): EvidenceActivity {
  const [state, dispatch] = useReducer(reduce, INITIAL)
  useEffect(
    () =>
      on('evidence:progress', (event) => {
        dispatch(event)
      }),
    [],
  )
  return state
}

/**
 * The short badge of the Evidence section while images are listed or hashed: the percentage
 * of the first one being hashed, `…` while only listing; undefined when nothing runs.
 */
export function evidenceBadge(activity: EvidenceActivity): string | undefined {
  const running = [...activity.progress.values()].filter((p) => p.phase !== 'done')
  const hashing = running.find((p) => p.phase === 'hashing' && p.total > 0)
  if (hashing !== undefined) return `${percent(hashing.done, hashing.total) ?? 0}%`
  return running.length > 0 ? '…' : undefined
}
