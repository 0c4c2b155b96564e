/**
 * What each file of src is linted from, as a digest, so that `npm run lint`
 * can keep its answers (ESLint's `--cache`) and still give the answer a
 * whole lint would.
 *
 * ESLint's cache knows a file's own text and its settings. But the answer for
 * a file of src also depends on other files: the promise rules read the types
 * of what it imports, and `import-x/no-cycle` follows its imports. So each
 * file of src gets, among its settings (eslint.config.js), a digest of:
 *
 * - its own text and the text of every file of src it imports, directly or
 *   through others (import, export ... from, import(), type-only too);
 * - every file of src that changes types for all the others: a `.d.ts`, or a
 *   file that augments a module's or the global types (`declare module`,
 *   `declare global`: Fastify's decorations are declared that way);
 * - the TypeScript settings and package-lock.json (the installed packages'
 *   types).
 *
 * A change to a file then lints again the files that import it, and no
 * others; a change to one of the second kind, or to the settings, lints all
 * of src again. Files outside src have no rule that reads another file, and
 * ESLint's cache is right for them as it is.
 */
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'

/** Every relative module a file names: imports, re-exports, `import()`, side-effect imports, types included. */
const SPECIFIERS = /\b(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g

const sha256 = (text) => createHash('sha256').update(text).digest('hex')

/** The files of src a specifier can mean (TypeScript's NodeNext resolution: `./x.js` is `./x.ts` or `./x.d.ts`). */
function candidates(fromFile, specifier) {
  const target = resolve(dirname(fromFile), specifier)
  const stem = target.replace(/\.(c|m)?js$/, '')
  return [target, `${stem}.ts`, `${stem}.d.ts`, `${target}.ts`, join(target, 'index.ts')]
}

/**
 * The digest of what each file of src (by its path from `root`, e.g. `src/app.ts`) is linted from, for the files
 * ESLint lints with types: `.ts` files outside src/generated.
 */
export function srcLintDigests(root) {
  const src = join(root, 'src')
  const files = readdirSync(src, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort()
  const text = new Map(files.map((file) => [file, readFileSync(file, 'utf8')]))
  const own = new Map(files.map((file) => [file, sha256(`${relative(root, file)}\0${text.get(file)}`)]))
  const imports = new Map(
    files.map((file) => [
      file,
      [...text.get(file).matchAll(SPECIFIERS)].flatMap(([, specifier]) => candidates(file, specifier).filter((path) => own.has(path))),
    ]),
  )
  const forAll = sha256(
    [
      ...files.filter((file) => file.endsWith('.d.ts') || /\bdeclare\s+(module|global)\b/.test(text.get(file))).map((file) => own.get(file)),
      ...['tsconfig.json', 'tsconfig.lint.json', 'package-lock.json'].map((file) => sha256(readFileSync(join(root, file)))),
    ].join('\n'),
  )
  const digests = new Map()
  for (const file of files) {
    if (!file.endsWith('.ts') || relative(src, file).startsWith('generated')) continue
    const reached = new Set([file])
    for (const next of reached) for (const imported of imports.get(next)) reached.add(imported)
    const parts = [...reached].map((path) => own.get(path)).sort()
    digests.set(relative(root, file), sha256(`${forAll}\n${parts.join('\n')}`))
  }
  return digests
}
