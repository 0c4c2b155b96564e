import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

/**
 * src/cli/build.mjs, which `npm start` and `npm run worker` run first: two
 * started together on a stale build make one build between them, and the
 * second waits for it rather than swapping its own in under the first. Built
 * into a folder of this file's own (BUILD_DIR), so dist/ is left alone.
 */
const root = path.resolve(import.meta.dirname, '..')
const folder = path.join(root, 'node_modules', '.cache', `cc-build-test-${process.pid}`)
const out = path.join(folder, 'dist')

interface Builder {
  /** What it has printed so far. */
  output: () => string
  done: Promise<{ code: number | null; output: string }>
}

function startBuild(): Builder {
  const child = spawn(process.execPath, ['src/cli/build.mjs', '--if-stale'], { cwd: root, env: { ...process.env, BUILD_DIR: out } })
  let output = ''
  child.stdout.on('data', (chunk) => (output += chunk))
  child.stderr.on('data', (chunk) => (output += chunk))
  return { output: () => output, done: new Promise((resolve) => child.once('exit', (code) => resolve({ code, output }))) }
}

describe('the build', () => {
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true })
  })

  it('builds once when two start together, the second waiting for the first; a lock whose builder is gone is taken over', async () => {
    await mkdir(folder, { recursive: true })
    // A build takes under a second: so that both are sure to meet the lock, this test holds it while they start.
    await mkdir(`${out}.lock`)
    await writeFile(path.join(`${out}.lock`, 'pid'), `${process.pid}\n`)
    const builders = [startBuild(), startBuild()]
    await expect.poll(() => builders.filter((builder) => builder.output().includes('Waiting for another build')).length, { timeout: 30_000 }).toBe(2)
    await rm(`${out}.lock`, { recursive: true })
    const [first, second] = await Promise.all(builders.map((builder) => builder.done))
    expect([first!.code, second!.code], first!.output + second!.output).toEqual([0, 0])
    // One of them builds; the other waits for its lock, then finds the build fresh.
    expect([first!.output, second!.output].filter((output) => output.includes('Building the service'))).toHaveLength(1)
    expect(existsSync(path.join(out, 'src', 'server.js'))).toBe(true)
    expect(existsSync(path.join(out, 'src', 'worker.js'))).toBe(true)
    expect(existsSync(`${out}.lock`)).toBe(false)

    // Stale again, with a lock left by a builder that was killed (no process has that id): taken over, and built.
    await mkdir(`${out}.lock`)
    await writeFile(path.join(`${out}.lock`, 'pid'), '2147483646\n')
    await rm(path.join(out, '.built-from'))
    const again = await startBuild().done
    expect(again.code, again.output).toBe(0)
    expect(again.output).toContain('Building the service')
    expect(existsSync(`${out}.lock`)).toBe(false)
  }, 120_000)
})
