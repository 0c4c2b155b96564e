// Compiles the service to dist/ with tsc, so `npm start` runs plain
// JavaScript instead of compiling TypeScript at every start.
//
//   node src/cli/build.mjs             build now
//   node src/cli/build.mjs --if-stale  build only when dist/ is missing or older
//                                      than a source file (what `npm start` does)
//
// Plain JavaScript on purpose: it runs before there is a build. It builds into
// a fresh folder and swaps it in, so a file deleted from src/ never lingers in
// dist/ (autoload would still load a stale route) and a failed build leaves the
// last good one in place.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const dist = path.join(root, 'dist')
const stampFile = path.join(dist, '.built-from')
/** What the build is made from: every file under src/ and the settings that steer tsc. */
const inputs = ['src', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json']

function newestChange(target) {
  const stats = statSync(target, { throwIfNoEntry: false })
  if (!stats) return 0
  if (!stats.isDirectory()) return stats.mtimeMs
  let newest = stats.mtimeMs // a deleted file changes its folder
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestChange(path.join(target, entry)))
  return newest
}

function sourceFingerprint() {
  return String(Math.max(...inputs.map((input) => newestChange(path.join(root, input)))))
}

function isStale(fingerprint) {
  if (!existsSync(path.join(dist, 'src', 'server.js')) || !existsSync(stampFile)) return true
  return readFileSync(stampFile, 'utf8').trim() !== fingerprint
}

function build(fingerprint) {
  const staging = path.join(root, `dist.building-${process.pid}`)
  rmSync(staging, { recursive: true, force: true })
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
  const started = Date.now()
  process.stdout.write('Building the service (TypeScript to dist/)...\n')
  // --noCheck: emit without checking the types (the same files; 5 CPU-seconds instead of 14). `npm test` checks them
  // (`tsc --noEmit`) and a syntax error still fails the build; a start should not wait on the checker.
  const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--noCheck', '--outDir', staging], {
    cwd: root,
    stdio: 'inherit',
  })
  if (result.status !== 0) {
    rmSync(staging, { recursive: true, force: true })
    process.stderr.write('The build failed: fix the errors above, then run the command again.\n')
    process.exit(result.status ?? 1)
  }
  writeFileSync(path.join(staging, '.built-from'), `${fingerprint}\n`)
  rmSync(dist, { recursive: true, force: true })
  renameSync(staging, dist)
  process.stdout.write(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s\n`)
}

const fingerprint = sourceFingerprint()
if (!process.argv.includes('--if-stale') || isStale(fingerprint)) build(fingerprint)
