import { readFile, realpath } from 'node:fs/promises'
import type { ServerResponse } from 'node:http'
import { extname, isAbsolute, join, relative, resolve } from 'node:path'
import { APP_CSP } from '../security/csp'

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
}

/**
 * Serve a file of the built renderer, contained in `root` (no `..`, no link out of it). The
 * page gets the bridge shim injected before its own scripts.
 */
export async function serveStatic(
  root: string,
  pathname: string,
  response: ServerResponse,
): Promise<void> {
  const decoded = safeDecode(pathname)
  const wanted = decoded === '/' ? '/index.html' : decoded
  const base = await realpath(root)
  const candidate = resolve(base, `.${wanted}`)
  const rel = relative(base, candidate)
  if (decoded === null || decoded.includes('\0') || rel.startsWith('..') || isAbsolute(rel)) {
    notFound(response)
    return
  }
  let real: string
  try {
    real = await realpath(candidate)
  } catch {
    notFound(response)
    return
  }
  if (relative(base, real).startsWith('..')) {
    notFound(response)
    return
  }
  const type = TYPES[extname(real)] ?? 'application/octet-stream'
  let body: Buffer = await readFile(join(real))
  if (type === 'text/html') {
    body = Buffer.from(
      body.toString('utf8').replace('<head>', '<head>\n    <script src="/__bridge.js"></script>'),
    )
  }
  response.writeHead(200, {
    'Content-Type': type,
    'Content-Security-Policy': APP_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  })
  response.end(body)
}

function safeDecode(pathname: string): string | null {
  try {
    return decodeURIComponent(pathname)
  } catch {
    return null
  }
}

function notFound(response: ServerResponse): void {
  response.writeHead(404, { 'Content-Type': 'text/plain' })
  response.end('not found')
}
