/**
 * Fastify's own schema compilers (Ajv for validation, fast-json-stringify
 * for responses), remembering what they compiled, so that another build of
 * the app in the same process reuses it.
 *
 * One service builds the app once and gains nothing. The tests build it once
 * per file (about 150 times a run, in two processes), and compiling the
 * routes' schemas was half of each build. A compiled function depends only on
 * the schema's content and the compiler's options, which together are the
 * key (as JSON: the routes make their schema objects afresh at each build),
 * so a reused one behaves exactly as a fresh one. The app's routes have a few
 * hundred distinct schemas, so what is kept stays small.
 */
import { AjvCompiler } from '@fastify/ajv-compiler'
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler'
import type { FastifyServerOptions } from 'fastify'

type CompilersFactory = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>
/** Both factories' shape: given the shared schemas and the options, a compiler of one route schema at a time. */
type Factory = (externalSchemas: unknown, options: unknown) => (route: { schema: unknown }) => unknown

/** `factory`, remembering what it compiled; its own compiler (an Ajv instance, say) is made only when something is new. */
function remembering(factory: Factory): Factory {
  const compiled = new Map<string, unknown>()
  return (externalSchemas, options) => {
    const settings = JSON.stringify([externalSchemas, options])
    let compiler: ReturnType<Factory> | undefined
    return (route) => {
      const compile = () => (compiler ??= factory(externalSchemas, options))(route)
      const content = typeof route.schema === 'object' && route.schema !== null ? asJson(route.schema) : undefined
      if (content === undefined) return compile()
      const key = `${settings}${content}`
      if (!compiled.has(key)) compiled.set(key, compile())
      return compiled.get(key)
    }
  }
}

/** The schema as JSON, or undefined when it cannot be (a cycle): compiled afresh then. */
function asJson(schema: object): string | undefined {
  try {
    return JSON.stringify(schema)
  } catch {
    return undefined
  }
}

export const rememberingCompilers = {
  buildValidator: remembering(AjvCompiler() as unknown as Factory),
  buildSerializer: remembering(SerializerSelector() as unknown as Factory),
} as unknown as CompilersFactory
