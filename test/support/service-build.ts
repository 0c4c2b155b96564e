import { existsSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { inject } from 'vitest'
import { compileService } from '../../src/cli/compile.mjs'

/**
 * The service built as `npm start` builds it (src/cli/compile.mjs),
 * once per test run for every file that starts it as a process, into a
 * folder of the run's own so the shared dist/ is left alone. Inside
 * node_modules, so git and eslint pass it by; code in it finds the project
 * (package.json) and its modules above. The run's global teardown removes it.
 *
 * Both test workers may ask at once: the first to create the folder builds,
 * the other waits for the marker it writes when the build is whole.
 */
const root = path.resolve(import.meta.dirname, '../..')

/** Named after the run's template database (global-setup.ts removes the folder by the same name). */
function serviceBuildFolder(run: string): string {
  return path.join(root, 'node_modules', '.cache', `cc-service-build-${run}`)
}

const BUILD_TIMEOUT_MS = 180_000

let built: Promise<string> | undefined

/** The folder of the built service (its entry point is `src/server.js` in it). */
export function serviceBuild(): Promise<string> {
  built ??= buildOnce(serviceBuildFolder(inject('templateDatabase')))
  return built
}

async function buildOnce(folder: string): Promise<string> {
  const done = path.join(folder, '.built')
  const mine = await mkdir(folder, { recursive: false }).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'EEXIST') return false
      throw error
    },
  )
  if (mine) {
    compileService(folder)
    await writeFile(done, 'built\n')
    return folder
  }
  const deadline = performance.now() + BUILD_TIMEOUT_MS
  while (!existsSync(done)) {
    if (performance.now() > deadline) throw new Error(`The service build in ${folder} was not finished after ${BUILD_TIMEOUT_MS / 1000} s`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  return folder
}
