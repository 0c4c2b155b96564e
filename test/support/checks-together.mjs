#!/usr/bin/env node
/**
 * `npm test`'s first step: the given npm scripts (the type-check and the
 * lint) at the same time, each on a core of its own, instead of one after
 * the other. Each builds a TypeScript program of the whole project, about 20
 * seconds of one core, while the other core stood idle. Each script's output
 * is printed whole once it ends, so the two never interleave; the exit code
 * is the first failure's.
 *
 * Usage: node test/support/checks-together.mjs typecheck lint
 */
import { Buffer } from 'node:buffer'
import { spawn } from 'node:child_process'
import { performance } from 'node:perf_hooks'

const scripts = process.argv.slice(2)
if (scripts.length === 0) {
  console.error('Usage: checks-together.mjs <npm script> [<npm script> ...]')
  process.exit(2)
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const runs = scripts.map(
  (script) =>
    new Promise((resolve) => {
      const started = performance.now()
      const child = spawn(npm, ['run', '--silent', script], { stdio: ['ignore', 'pipe', 'pipe'] })
      const output = []
      child.stdout.on('data', (chunk) => output.push(chunk))
      child.stderr.on('data', (chunk) => output.push(chunk))
      child.on('error', (error) => output.push(Buffer.from(`${error.message}\n`)))
      child.on('close', (code, signal) => {
        const seconds = ((performance.now() - started) / 1000).toFixed(1)
        const outcome = code === 0 ? 'passed' : `failed (${signal ?? `exit code ${code}`})`
        process.stdout.write(`\n> npm run ${script}: ${outcome} in ${seconds} s\n`)
        process.stdout.write(Buffer.concat(output))
        resolve(code === 0 ? 0 : (code ?? 1))
      })
    }),
)

const codes = await Promise.all(runs)
process.exit(codes.find((code) => code !== 0) ?? 0)
