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
 *
 * Validation also refuses numbers that are not finite. Ajv coerces a query
 * string's or a form's "1e309" (or "Infinity") to Infinity for an integer or
 * a number and then lets it through, range keywords and all (a JSON body's
 * 1e309 it refuses itself): the value reached the database as an OFFSET and
 * the request ended in a 500. Such a request now gets the usual 400 naming
 * the field.
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

interface Validate {
  (data: unknown): boolean
  errors?: unknown[] | null
}

/** Where in `data` (as a JSON pointer) the first number that is not finite is, or undefined. */
function nonFiniteAt(data: unknown, path = '', depth = 0): string | undefined {
  if (typeof data === 'number') return Number.isFinite(data) ? undefined : path
  if (typeof data !== 'object' || data === null || depth > 32 || ArrayBuffer.isView(data)) return undefined
  for (const [key, value] of Object.entries(data)) {
    const found = nonFiniteAt(value, `${path}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`, depth + 1)
    if (found !== undefined) return found
  }
  return undefined
}

/** `validate`, and then no number in what it passed (after its coercion) may be infinite or NaN. */
function finiteNumbersOnly(validate: Validate): Validate {
  const checked: Validate = (data) => {
    if (!validate(data)) {
      checked.errors = validate.errors
      return false
    }
    const at = nonFiniteAt(data)
    checked.errors = at === undefined ? null : [{ keyword: 'type', instancePath: at, schemaPath: '#/type', params: { type: 'number' }, message: 'must be a finite number' }]
    return at === undefined
  }
  return checked
}

/** Ajv's compiler, each validator it makes refusing numbers that are not finite (see above). */
const ajvCompiler = AjvCompiler() as unknown as Factory
const finiteAjvCompiler: Factory = (externalSchemas, options) => {
  const compile = ajvCompiler(externalSchemas, options)
  return (route) => {
    const validate = compile(route)
    return typeof validate === 'function' ? finiteNumbersOnly(validate as Validate) : validate
  }
}

export const rememberingCompilers = {
  buildValidator: remembering(finiteAjvCompiler),
  buildSerializer: remembering(SerializerSelector() as unknown as Factory),
} as unknown as CompilersFactory
