import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { ESLint } from 'eslint'
import { afterEach, describe, expect, it } from 'vitest'
import { srcLintDigests } from '../support/lint-digests.mjs'

/**
 * `npm run lint` keeps its answers (ESLint's `--cache`, by each file's content
 * and its settings). A file of src is answered from other files too (the
 * promise rules read the types of what it imports; `no-cycle` follows its
 * imports), so each file of src carries in its settings (as the option of a
 * rule that is off: eslint.config.js says why) a digest of what it reads
 * (test/support/lint-digests.mjs): a kept answer is used only while nothing
 * it was made from has changed.
 */
const root = path.resolve(import.meta.dirname, '../..')
const DIGEST = 'career-conversations/lint-digest'

describe('what a kept lint answer for a file of src depends on', () => {
  let folder = ''
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true })
  })

  /** A project of these files, and a way to change one and see which digests changed. */
  async function project(files: Record<string, string>) {
    folder = await mkdtemp(path.join(tmpdir(), 'cc-lint-digest-'))
    const write = async (name: string, text: string) => {
      await mkdir(path.dirname(path.join(folder, name)), { recursive: true })
      await writeFile(path.join(folder, name), text)
    }
    for (const [name, text] of Object.entries({ 'tsconfig.json': '{}', 'tsconfig.lint.json': '{}', 'package-lock.json': '{}', ...files })) await write(name, text)
    return {
      /** Changes one file and gives the files whose digest changed, in order. */
      async change(name: string, text: string): Promise<string[]> {
        const before = srcLintDigests(folder)
        await write(name, text)
        const after = srcLintDigests(folder)
        return [...after.keys()].filter((file) => after.get(file) !== before.get(file)).sort()
      },
    }
  }

  const FILES = {
    // a.ts <- b.ts <- c.ts (a type only), d.ts on its own, e.ts through import(), f.ts re-exporting a.
    'src/a.ts': 'export function later(): void {}\n',
    'src/deep/b.ts': "import { later } from '../a.js'\nexport const run = () => later()\n",
    'src/c.ts': "import type { run } from './deep/b.js'\nexport type Run = typeof run\n",
    'src/d.ts': 'export const alone = 1\n',
    'src/e.ts': "export const loaded = () => import('./d.js')\n",
    'src/f.ts': "export { later } from './a.js'\n",
    'src/generated/model.ts': 'export interface Row { id: string }\n',
  }

  it('changes for a file and every file that imports it, however indirectly, and for no other', async () => {
    const p = await project(FILES)
    expect(await p.change('src/a.ts', 'export async function later(): Promise<void> {}\n')).toEqual(['src/a.ts', 'src/c.ts', 'src/deep/b.ts', 'src/f.ts'])
    expect(await p.change('src/d.ts', 'export const alone = 2\n')).toEqual(['src/d.ts', 'src/e.ts'])
    expect(await p.change('src/c.ts', 'export type Run = () => void\n')).toEqual(['src/c.ts'])
    // A new file nobody imports: nothing else is linted again.
    expect(await p.change('src/g.ts', 'export {}\n')).toEqual(['src/g.ts'])
    // src/generated is not linted: it has no digest, but a change in it reaches the files that import it.
    expect(await p.change('src/h.ts', "import type { Row } from './generated/model.js'\nexport type R = Row\n")).toEqual(['src/h.ts'])
    expect(await p.change('src/generated/model.ts', 'export interface Row { id: number }\n')).toEqual(['src/h.ts'])
  })

  it('changes for every file when a file changes types for all (a .d.ts, declare module, declare global), or the settings or the lock file do', async () => {
    const p = await project({ ...FILES, 'src/types.d.ts': 'declare const x: number\n', 'src/plugin.ts': "declare module 'fastify' { interface FastifyInstance { x: number } }\nexport {}\n" })
    const all = ['src/a.ts', 'src/c.ts', 'src/d.ts', 'src/deep/b.ts', 'src/e.ts', 'src/f.ts', 'src/plugin.ts', 'src/types.d.ts']
    expect(await p.change('src/types.d.ts', 'declare const x: string\n')).toEqual(all)
    expect(await p.change('src/plugin.ts', "declare module 'fastify' { interface FastifyInstance { x: string } }\nexport {}\n")).toEqual(all)
    expect(await p.change('src/d.ts', "declare global { var y: number }\nexport const alone = 1\n")).toEqual(all)
    for (const name of ['tsconfig.json', 'tsconfig.lint.json', 'package-lock.json']) expect(await p.change(name, '{"changed":true}'), name).toEqual(all)
  })

  it('is in the settings of every linted file of src, and of no test file', async () => {
    const eslint = new ESLint({ cwd: root })
    const digests = srcLintDigests(root)
    expect(digests.size).toBeGreaterThan(300)
    for (const file of ['src/app.ts', 'src/domain/booking/rules.ts', 'src/repositories/rows.ts', 'src/routes/pages/book/index.ts']) {
      expect((await eslint.calculateConfigForFile(path.join(root, file))).rules?.[DIGEST], file).toEqual([0, digests.get(file)])
    }
    for (const file of ['test/helper.ts', 'test/architecture/boundaries.test.ts']) {
      expect((await eslint.calculateConfigForFile(path.join(root, file))).rules?.[DIGEST], file).toBeUndefined()
    }
  })
})
