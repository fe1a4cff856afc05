import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { ChildRequest } from '../../main/core/scan/child/protocol'
import type { FakeElectron, FakeUtilityProcess } from './fake-electron'
import { fakeElectron } from './fake-electron'

vi.mock('electron', async () => (await import('./fake-electron')).createFakeElectron())

let electron: FakeElectron
let launcherModule: typeof import('../../main/services/utility-process-launcher')

beforeAll(async () => {
  electron = fakeElectron(await import('electron'))
  launcherModule = await import('../../main/services/utility-process-launcher')
})

afterEach(() => {
  vi.restoreAllMocks()
})

function launch(log: (line: string) => void = () => undefined) {
  const launcher = launcherModule.createUtilityProcessLauncher({
    modulePath: '/app/out/main/scan-child.js',
    log,
  })
  const handle = launcher.launch()
  const child = electron.utilityProcess.fork.mock.results.at(-1)?.value as FakeUtilityProcess
  return { handle, child }
}

describe('createUtilityProcessLauncher', () => {
  it('forks the scan child as a named utility process with piped output', () => {
    launch()
    expect(electron.utilityProcess.fork).toHaveBeenLastCalledWith(
      '/app/out/main/scan-child.js',
      [],
      {
        serviceName: 'Outpost scan',
        stdio: 'pipe',
      },
    )
  })

  it('send → postMessage, message → onMessage', () => {
    const { handle, child } = launch()
    const received = vi.fn()
    handle.onMessage(received)
    const request: ChildRequest = {
      type: 'load',
      requestId: 1,
      compiledPath: '/r',
      limits: {} as never,
    }
    handle.send(request)
    child.emit('message', { type: 'ready' })
    expect(child.postMessage).toHaveBeenCalledExactlyOnceWith(request)
    expect(received).toHaveBeenCalledExactlyOnceWith({ type: 'ready' })
    expect(handle.pid).toBe(4242)
  })

  it("'exit' → onExit(code, null), once, also for a listener added after the exit", async () => {
    const { handle, child } = launch()
    const early = vi.fn()
    const late = vi.fn()
    handle.onExit(early)
    child.emit('exit', 9)
    child.emit('exit', 9)
    handle.onExit(late)
    await Promise.resolve()
    expect(early).toHaveBeenCalledExactlyOnceWith(9, null)
    expect(late).toHaveBeenCalledExactlyOnceWith(9, null)
  })

  it('does not post to a child that has exited', () => {
    const { handle, child } = launch()
    child.emit('exit', 0)
    handle.send({ type: 'scanFile', jobId: 1, path: '/e', externals: {} as never })
    expect(child.postMessage).not.toHaveBeenCalled()
  })

  it('kill() sends SIGKILL first (POSIX), then lets Electron reap the child', () => {
    const kill = vi.spyOn(process, 'kill').mockImplementation(() => true)
    const { handle, child } = launch()
    handle.kill()
    if (process.platform !== 'win32') expect(kill).toHaveBeenCalledWith(4242, 'SIGKILL')
    expect(child.kill).toHaveBeenCalledOnce()
  })

  it('kill() still reaps when the process is already gone', () => {
    vi.spyOn(process, 'kill').mockImplementation(() => {
      throw Object.assign(new Error('ESRCH'), { code: 'ESRCH' })
    })
    const { handle, child } = launch()
    expect(() => {
      handle.kill()
    }).not.toThrow()
    expect(child.kill).toHaveBeenCalledOnce()
  })

  it("drains the child's stdout and stderr into the log, line by line", () => {
    const lines: string[] = []
    const { child } = launch((line) => lines.push(line))
    child.stdout.write('one\ntwo\n')
    child.stderr.write('oops\n')
    expect(lines).toEqual([
      '[scan-child stdout] one',
      '[scan-child stdout] two',
      '[scan-child stderr] oops',
    ])
  })
})
