import { readFileSync } from 'node:fs'

let byUid: Map<number, string> | undefined

/**
 * The user name for a numeric uid on this host, from `/etc/passwd`; '' when unknown.
 *
 * It is the `owner` external of LOKI-style rules. Windows has no uid; there it is always ''.
 */
export function ownerName(uid: number): string {
  byUid ??= readPasswd()
  return byUid.get(uid) ?? ''
}

function readPasswd(): Map<number, string> {
  const names = new Map<number, string>()
  if (process.platform === 'win32') return names
  let text: string
  try {
    text = readFileSync('/etc/passwd', 'utf8')
  } catch {
    return names
  }
  for (const line of text.split('\n')) {
    const [name, , uid] = line.split(':')
    if (name && uid && /^\d+$/.test(uid) && !names.has(Number(uid))) names.set(Number(uid), name)
  }
  return names
}
