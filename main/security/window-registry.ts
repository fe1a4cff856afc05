/** The parts of a `WebContents` the registry needs. */
export interface RegisteredWebContents {
  readonly id: number
  once(event: 'destroyed', listener: () => void): unknown
}

/**
 * The `webContents` ids of the windows this app created: the only ones IPC answers.
 *
 * Anything else with a renderer (DevTools, a contents a library opened, a future helper window)
 * is a stranger, even when it shows an `app://bundle` URL.
 */
export interface WindowRegistry {
  /** Trust `contents` until it is destroyed. */
  add(contents: RegisteredWebContents): void
  has(webContentsId: number): boolean
  /** The ids currently trusted (for diagnostics and tests). */
  ids(): readonly number[]
}

/** A new, empty {@link WindowRegistry}. */
export function createWindowRegistry(): WindowRegistry {
  const trusted = new Set<number>()
  return {
    add(contents) {
      const id = contents.id
      trusted.add(id)
      // Ids are not reused within a run, but forget them anyway once the contents is gone.
      contents.once('destroyed', () => {
        trusted.delete(id)
      })
    },
    has: (webContentsId) => trusted.has(webContentsId),
    ids: () => [...trusted],
  }
}
