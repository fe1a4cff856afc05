#!/usr/bin/env node
// The `outpost` command. Runs the built CLI (`npm install` builds it); during development,
// `npm run outpost -- …` builds first.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const built = fileURLToPath(new URL('../out/main/cli.js', import.meta.url))
if (!existsSync(built)) {
  process.stderr.write(
    'outpost: the CLI is not built yet; run `npm run build` (npm install does it).\n',
  )
  process.exit(70)
}
await import(built)
