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
// last good one in place. One build at a time: `npm start` and `npm run worker`
// started together on a stale build would otherwise both build, and one swap
// its dist/ in under the other as it starts. The second waits for the first's
// lock (dist.lock), then finds the build fresh.
//
// BUILD_DIR builds somewhere else than dist/ (the build's test does).
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { compileService } from './compile.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const dist = process.env.BUILD_DIR ? path.resolve(process.env.BUILD_DIR) : path.join(root, 'dist')
const lock = `${dist}.lock`
/** The longest a build waits for another's: tsc takes seconds, so this is a builder that hangs. */
const LOCK_WAIT_MS = 180_000
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
  const staging = `${dist}.building-${process.pid}`
  rmSync(staging, { recursive: true, force: true })
  const started = Date.now()
  process.stdout.write('Building the service (TypeScript to dist/)...\n')
  try {
    // File by file, without checking the types (./compile.mjs says why that is exact); `npm test` checks them.
    compileService(staging)
  } catch (error) {
    rmSync(staging, { recursive: true, force: true })
    process.stderr.write(`${error.message}\nThe build failed: fix the errors above, then run the command again.\n`)
    process.exitCode = 1
    return
  }
  writeFileSync(path.join(staging, '.built-from'), `${fingerprint}\n`)
  rmSync(dist, { recursive: true, force: true })
  renameSync(staging, dist)
  process.stdout.write(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s\n`)
}

function isRunning(pid) {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return error.code === 'EPERM'
  }
}

/** Runs `work` holding the build's lock: a folder made atomically, naming the process that holds it. */
function withBuildLock(work) {
  const deadline = Date.now() + LOCK_WAIT_MS
  let told = false
  for (;;) {
    try {
      mkdirSync(lock)
      writeFileSync(path.join(lock, 'pid'), `${process.pid}\n`)
      break
    } catch (error) {
      if (error.code !== 'EEXIST') throw error
      // A lock whose builder is gone (killed mid-build) is taken over; one just made may not name its holder yet.
      const holder = Number(readFileSync(path.join(lock, 'pid'), { encoding: 'utf8', flag: 'a+' }).trim())
      if (holder > 0 && !isRunning(holder)) {
        rmSync(lock, { recursive: true, force: true })
        continue
      }
      if (Date.now() > deadline) {
        process.stderr.write(`Another build (${lock}) has not finished after ${LOCK_WAIT_MS / 1000} s.\n`)
        process.exit(1)
      }
      if (!told) process.stdout.write('Waiting for another build of the service to finish...\n')
      told = true
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200)
    }
  }
  try {
    work()
  } finally {
    rmSync(lock, { recursive: true, force: true })
  }
}

const onlyIfStale = process.argv.includes('--if-stale')
const fingerprint = sourceFingerprint()
if (!onlyIfStale || isStale(fingerprint)) {
  withBuildLock(() => {
    // Built meanwhile by the build this one waited for, from the same source: nothing to do.
    if (!onlyIfStale || isStale(fingerprint)) build(fingerprint)
  })
}
