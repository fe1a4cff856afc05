import { execFileSync } from 'node:child_process'

/** Whether a command is on PATH (or /usr/sbin, where Debian puts mkfs.*). */
export function hasTool(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], {
      stdio: 'ignore',
      env: { ...process.env, PATH: `${process.env['PATH'] ?? ''}:/usr/sbin:/sbin` },
    })
    return true
  } catch {
    return false
  }
}

/**
 * Tools a suite needs: present → run; missing outside CI → skip (with the reason printed);
 * missing in CI (CI set) → the suite runs and fails, since CI installs them (.ci/run).
 */
export function toolsOrSkip(names: readonly string[]): { run: boolean; missing: string[] } {
  const missing = names.filter((n) => !hasTool(n))
  if (missing.length > 0 && process.env['CI'] === undefined) {
    console.warn(`skipped: missing ${missing.join(', ')} (apt-get install; in CI this fails)`)
    return { run: false, missing }
  }
  return { run: true, missing }
}

/** Run a tool with /usr/sbin on PATH; throws with its stderr on failure. */
export function run(cmd: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): string {
  return execFileSync(cmd, args, {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: {
      ...process.env,
      LC_ALL: 'C.UTF-8',
      MTOOLS_SKIP_CHECK: '1',
      PATH: `${process.env['PATH'] ?? ''}:/usr/sbin:/sbin`,
      ...env,
    },
  })
}
