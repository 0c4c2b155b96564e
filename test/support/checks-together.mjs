#!/usr/bin/env node
/**
 * `npm test`: the checks (npm scripts: the type-check and the lint) and the
 * tests at the same time, instead of the checks first.
 *
 * The type-check and the lint each build a TypeScript program of the whole
 * project (about 20 seconds of one core each), and a `vitest run` leaves the
 * two cores idle for a minute or more of core time (files starting, the last
 * file alone, waits on PostgreSQL and Chromium). Measured one after the
 * other on one machine: checks then tests 307.4 s, all at once 282.9 s, every
 * test passing in both.
 *
 * The tests' output is shown as it comes; each check's is kept and printed
 * whole after the tests end (so it is the last thing on the screen, and
 * never interleaves), with a line saying how each ended. The exit code is
 * the tests' when they failed, else the first failed check's.
 *
 * Usage: node test/support/checks-together.mjs typecheck lint [-- vitest run]
 */
import { Buffer } from 'node:buffer'
import { spawn } from 'node:child_process'
import { setPriority } from 'node:os'
import { performance } from 'node:perf_hooks'

const args = process.argv.slice(2)
const split = args.indexOf('--')
const scripts = split === -1 ? args : args.slice(0, split)
const command = split === -1 ? [] : args.slice(split + 1)
if (scripts.length === 0) {
  console.error('Usage: checks-together.mjs <npm script> [<npm script> ...] [-- <command> [<argument> ...]]')
  process.exit(2)
}

/** How a child ended, as an exit code (1 when a signal ended it or it could not start). */
function exitCode(code) {
  return code === 0 ? 0 : (code ?? 1)
}

/**
 * The checks run at a lower priority (nice 10; the processes they start inherit it): the tests are what the run
 * waits for, and the checks finish well inside them from the tests' idle moments and a smaller share of the
 * cores. `npm test` with three test workers, two pairs alternating: 242.2 and 238.4 s with the checks at nice 10,
 * 259.3 and 253.7 s at the tests' priority (docs/performance.md, session 26).
 */
function lowerPriority(pid) {
  try {
    setPriority(pid, 10)
  } catch {
    // Not allowed here, or the child has already gone: it runs at our priority, which is only slower.
  }
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const checks = scripts.map(
  (script) =>
    new Promise((resolve) => {
      const started = performance.now()
      const child = spawn(npm, ['run', '--silent', script], { stdio: ['ignore', 'pipe', 'pipe'] })
      lowerPriority(child.pid)
      const output = []
      child.stdout.on('data', (chunk) => output.push(chunk))
      child.stderr.on('data', (chunk) => output.push(chunk))
      child.on('error', (error) => output.push(Buffer.from(`${error.message}\n`)))
      child.on('close', (code, signal) => {
        const seconds = ((performance.now() - started) / 1000).toFixed(1)
        const outcome = code === 0 ? 'passed' : `failed (${signal ?? `exit code ${code}`})`
        resolve({ code: exitCode(code), report: Buffer.concat([Buffer.from(`\n> npm run ${script}: ${outcome} in ${seconds} s\n`), ...output]) })
      })
    }),
)

// The command's own output goes straight to ours: a long test run shows its progress.
const tests =
  command.length === 0
    ? Promise.resolve(0)
    : new Promise((resolve) => {
        const child = spawn(command[0], command.slice(1), { stdio: 'inherit', shell: process.platform === 'win32' })
        child.on('error', (error) => {
          console.error(`${command.join(' ')}: ${error.message}`)
          resolve(1)
        })
        child.on('close', (code) => resolve(exitCode(code)))
      })

const testsCode = await tests
const ended = await Promise.all(checks)
for (const { report } of ended) process.stdout.write(report)
process.exit(testsCode !== 0 ? testsCode : (ended.find(({ code }) => code !== 0)?.code ?? 0))
