import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { ESLint } from 'eslint'
import { afterEach, describe, expect, it } from 'vitest'

/**
 * `npm run lint` keeps its answers (ESLint's `--cache`, by each file's content
 * and its settings). A file of src is answered from what other files say too
 * (the promise rules read the types they give it; `no-cycle` follows its
 * imports), so the settings of every file of src carry a digest of all of src,
 * the TypeScript settings and the installed packages: a change to any of them
 * lints all of src again. The tests' files are linted by their own text alone.
 */
const root = path.resolve(import.meta.dirname, '../..')
const DIGEST = 'career-conversations/src-digest'
// eslint.config.js is JavaScript without types of its own: imported by its path, with the one function's type.
const config = path.join(root, 'eslint.config.js')
const { whatSrcDependsOn } = (await import(config)) as { whatSrcDependsOn: (root?: string) => string }

describe('what a kept lint answer for src depends on', () => {
  let folder = ''
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true })
  })

  async function project(files: Record<string, string>): Promise<string> {
    folder = await mkdtemp(path.join(tmpdir(), 'cc-lint-digest-'))
    for (const [name, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(folder, name)), { recursive: true })
      await writeFile(path.join(folder, name), text)
    }
    return folder
  }

  it('changes with any file of src, however deep, and with the TypeScript settings and the lock file', async () => {
    const files = {
      'src/a.ts': 'export function later(): void {}\n',
      'src/deep/b.ts': "import { later } from '../a.js'\nlater()\n",
      'tsconfig.json': '{}',
      'tsconfig.lint.json': '{}',
      'package-lock.json': '{}',
    }
    const dir = await project(files)
    const before = whatSrcDependsOn(dir)
    expect(whatSrcDependsOn(dir)).toBe(before)
    const changes: Array<[string, string]> = [
      ['src/a.ts', 'export async function later(): Promise<void> {}\n'],
      ['src/deep/c.ts', 'export {}\n'],
      ['tsconfig.json', '{"compilerOptions":{"strict":true}}'],
      ['tsconfig.lint.json', '{"include":["src"]}'],
      ['package-lock.json', '{"lockfileVersion":3}'],
    ]
    const seen = new Set([before])
    for (const [name, text] of changes) {
      await writeFile(path.join(dir, name), text)
      const after = whatSrcDependsOn(dir)
      expect(seen.has(after), `a change to ${name}`).toBe(false)
      seen.add(after)
    }
  })

  it('is among the settings of every file of src, and of no test file', async () => {
    const eslint = new ESLint({ cwd: root })
    const digest = whatSrcDependsOn(root)
    for (const file of ['src/app.ts', 'src/domain/booking/rules.ts', 'src/repositories/rows.ts']) {
      expect((await eslint.calculateConfigForFile(path.join(root, file))).settings?.[DIGEST], file).toBe(digest)
    }
    for (const file of ['test/helper.ts', 'test/architecture/boundaries.test.ts']) {
      expect((await eslint.calculateConfigForFile(path.join(root, file))).settings?.[DIGEST], file).toBeUndefined()
    }
  })
})
