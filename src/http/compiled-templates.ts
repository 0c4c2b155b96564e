/**
 * Nunjucks templates compiled once per process, whichever environment asks.
 *
 * Each build of the app makes its own Nunjucks environment (@fastify/view),
 * and an environment compiles each template the first time it renders it:
 * parsing the text and turning it into JavaScript. The service builds the app
 * once and gains nothing here. The tests build it once per file (about 150
 * times a run, in two processes), and compiling the same page layout and
 * nhsuk-frontend macros again in each was about 50 ms of every file's first
 * page. The compiled code depends only on the template's text, its path and
 * the settings the compiler is given, which together are the key, so an
 * environment given it renders exactly what compiling afresh would (Nunjucks
 * takes precompiled code this way itself: a loader's source of type "code").
 */
import nunjucks from 'nunjucks'

type TemplateCode = Record<string, unknown>

interface LoaderSource {
  src: unknown
  path: string
  noCache?: boolean
}

interface SyncLoader {
  async?: boolean
  getSource(name: string): LoaderSource | null
}

interface EnvironmentInternals {
  loaders: SyncLoader[]
  asyncFilters: string[]
  extensionsList: { tags?: string[] }[]
  opts: { autoescape?: boolean; throwOnUndefined?: boolean; trimBlocks?: boolean; lstripBlocks?: boolean }
}

const { compiler } = nunjucks as unknown as {
  compiler: { compile(src: string, asyncFilters: string[], extensions: unknown[], name: string, opts: object): string }
}

const compiled = new Map<string, TemplateCode>()

/** How many templates' code this process holds (for the tests). */
export function compiledTemplateCount(): number {
  return compiled.size
}

/** What the compiler is given besides the text: another environment's code is reused only when these match. */
function settingsOf(env: EnvironmentInternals): string {
  const { autoescape, throwOnUndefined, trimBlocks, lstripBlocks } = env.opts
  return JSON.stringify([env.asyncFilters, env.extensionsList.map((extension) => extension.tags ?? []), { autoescape, throwOnUndefined, trimBlocks, lstripBlocks }])
}

/**
 * Makes `env`'s loaders hand it compiled code, compiling each template at
 * most once in the process. A template that does not compile is handed over
 * as text, so Nunjucks reports the error as it always does.
 */
export function shareCompiledTemplates(environment: nunjucks.Environment): void {
  const env = environment as unknown as EnvironmentInternals
  for (const loader of env.loaders) {
    if (loader.async) continue
    const getSource = loader.getSource.bind(loader)
    loader.getSource = (name) => {
      const source = getSource(name)
      if (source === null || typeof source.src !== 'string') return source
      const key = `${source.path}\u0000${settingsOf(env)}\u0000${source.src}`
      let code = compiled.get(key)
      if (code === undefined) {
        try {
          code = new Function(compiler.compile(source.src, env.asyncFilters, env.extensionsList, source.path, env.opts))() as TemplateCode
        } catch {
          return source
        }
        compiled.set(key, code)
      }
      return { ...source, src: { type: 'code', obj: code } }
    }
  }
}
