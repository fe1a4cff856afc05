import { homedir } from 'node:os'
import { join } from 'node:path'

/** The folder name the app's data lives under, as Electron's `app.getPath('userData')`. */
const APP_FOLDER = 'outpost'

/**
 * The data folder of the CLI (signing keys, trusted partner keys).
 *
 * In order: `--data-dir`, `$OUTPOST_DATA_DIR`, then the platform's per-user application folder,
 * the same place as the desktop app's `userData` (`~/.config/outpost` on Linux,
 * `%APPDATA%\outpost` on Windows, `~/Library/Application Support/outpost` on macOS).
 */
export function resolveDataDir(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (flag !== undefined && flag !== '') return flag
  const fromEnv = env['OUTPOST_DATA_DIR']
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv
  switch (platform) {
    case 'win32':
      return join(env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'), APP_FOLDER)
    case 'darwin':
      return join(homedir(), 'Library', 'Application Support', APP_FOLDER)
    default:
      return join(env['XDG_CONFIG_HOME'] ?? join(homedir(), '.config'), APP_FOLDER)
  }
}
