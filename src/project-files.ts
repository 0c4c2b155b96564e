import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * Files that ship beside the code (templates, migrations, word lists) are
 * found from the project's root folder, the one holding package.json, so the
 * same code finds them whether it runs from `src/` (tsx, vitest) or from the
 * build in `dist/src/` (`npm start`).
 */
function findProjectRoot(): string {
  let folder = path.dirname(fileURLToPath(import.meta.url))
  while (!existsSync(path.join(folder, 'package.json'))) {
    const parent = path.dirname(folder)
    if (parent === folder) throw new Error('Cannot find the project folder (no package.json above the code)')
    folder = parent
  }
  return folder
}

const projectRoot = findProjectRoot()

/** A file or folder of the project, by its path from the root: `projectPath('templates', 'pages')`. */
export function projectPath(...parts: string[]): string {
  return path.join(projectRoot, ...parts)
}
