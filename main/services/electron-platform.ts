import { dialog, safeStorage } from 'electron'
import type { BaseWindow, OpenDialogOptions, SaveDialogOptions } from 'electron'
import type { PlatformPorts } from './ports'

/** The case-file extension, without the dot. */
export const CASE_FILE_EXTENSION = 'outpost'

const CASE_FILTERS = [{ name: 'Outpost case', extensions: [CASE_FILE_EXTENSION] }]

/**
 * A safe default file name for a new case: no folders, no control or reserved characters,
 * always ending in `.outpost`.
 *
 * The suggestion comes from the renderer; it only pre-fills the dialog, but a name with a path
 * in it could still point the dialog somewhere unexpected.
 */
export function caseFileName(suggested: string): string {
  const base = suggested
    // eslint-disable-next-line no-control-regex -- control characters are exactly what we drop
    .replace(/[\u0000-\u001f\u007f/\\:*?"<>|]/g, '_')
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .slice(0, 120)
  const name = base === '' ? 'case' : base
  return name.toLowerCase().endsWith(`.${CASE_FILE_EXTENSION}`)
    ? name
    : `${name}.${CASE_FILE_EXTENSION}`
}

/**
 * The {@link PlatformPorts} of the Electron app: native open and save dialogs, parented to the
 * main window when there is one.
 *
 * Dialogs run in main, so the renderer only ever learns the path the analyst chose. Picked
 * evidence is not added to the OS "recent documents" list (`dontAddToRecent`).
 */
export function createElectronPlatform(getWindow: () => BaseWindow | null): PlatformPorts {
  async function open(options: OpenDialogOptions): Promise<string | null> {
    const win = getWindow()
    const result = win
      ? await dialog.showOpenDialog(win, options)
      : await dialog.showOpenDialog(options)
    return result.canceled ? null : (result.filePaths[0] ?? null)
  }

  async function save(options: SaveDialogOptions): Promise<string | null> {
    const win = getWindow()
    const result = win
      ? await dialog.showSaveDialog(win, options)
      : await dialog.showSaveDialog(options)
    if (result.canceled || result.filePath === '') return null
    // GTK dialogs do not add the filter's extension themselves.
    const chosen = result.filePath
    return chosen.toLowerCase().endsWith(`.${CASE_FILE_EXTENSION}`)
      ? chosen
      : `${chosen}.${CASE_FILE_EXTENSION}`
  }

  return {
    pickEvidence: (kind) =>
      open({
        title: kind === 'folder' ? 'Add an evidence folder' : 'Add an evidence file',
        properties: [kind === 'folder' ? 'openDirectory' : 'openFile', 'dontAddToRecent'],
      }),
    pickCaseFile: () =>
      open({ title: 'Open a case', filters: CASE_FILTERS, properties: ['openFile'] }),
    pickNewCaseFile: (suggestedName) =>
      save({
        title: 'Create a case',
        defaultPath: caseFileName(suggestedName),
        filters: CASE_FILTERS,
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      }),
    pickBundle: () =>
      open({
        title: "Open a partner's report bundle",
        filters: [{ name: 'Report bundle', extensions: ['zip'] }],
        properties: ['openFile', 'dontAddToRecent'],
      }),
    pickFolder: (title) => open({ title, properties: ['openDirectory', 'createDirectory'] }),
    pickRulePack: (kind) =>
      open(
        kind === 'folder'
          ? { title: 'Import a rule pack folder', properties: ['openDirectory', 'dontAddToRecent'] }
          : {
              title: 'Import a rule pack',
              filters: [
                { name: 'Rule pack (.zip) or rule file', extensions: ['zip', 'yar', 'yara'] },
              ],
              properties: ['openFile', 'dontAddToRecent'],
            },
      ),
    // Sealed by the OS keychain (DPAPI, Keychain, libsecret/kwallet) where it is available.
    keychain: safeStorage,
  }
}
