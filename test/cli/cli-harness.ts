import { PassThrough } from 'node:stream'
import type { CliEnvironment } from '../../main/cli/run-cli'
import { runCli } from '../../main/cli/run-cli'
import { ROOT, sourceLauncher } from '../helpers/launcher'
import { tempDir } from '../helpers/temp-dir'

/** What a CLI run printed and returned. */
export interface CliRun {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** Run the CLI in-process with the real core and real scan processes; capture its output. */
export async function cli(
  args: readonly string[],
  overrides: Partial<CliEnvironment> = {},
): Promise<CliRun> {
  let stdout = ''
  let stderr = ''
  const code = await runCli(args, {
    io: {
      out: (text) => {
        stdout += text
      },
      err: (text) => {
        stderr += text
      },
      stderr: new PassThrough() as unknown as NodeJS.WriteStream,
    },
    launcher: sourceLauncher(),
    bundledRulesDir: `${ROOT}rules`,
    signal: new AbortController().signal,
    cacheDir: tempDir('outpost-cache-'),
    dataDir: tempDir('outpost-data-'),
    ...overrides,
  })
  return { code, stdout, stderr }
}
