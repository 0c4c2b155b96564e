/**
 * nhsuk-frontend's component macros, remembered by what they are given.
 *
 * A component macro (`select`, `input`, `tag`, `header`, ...) is a function of
 * its parameters alone: a template imports it without its context, and it
 * reads nothing else but the environment's constant globals. Pages call the
 * same ones with the same parameters again and again (the review's filter
 * form, its 200 coaches in a list, a status tag on every row), and Nunjucks
 * runs each call from scratch: on the follow-up review page that was about
 * three quarters of the page's rendering (docs/performance.md).
 *
 * So each call's output is kept, keyed by the macro and an exact encoding of
 * its arguments, in a cache of bounded size (least recently used first out).
 * A call that cannot be encoded exactly (a `{% call %}` block's body is a
 * function; a Date or other object of its own kind) is never remembered and
 * simply runs. The HTML is the same either way (test/http/component-cache.test.ts
 * renders every component's calls both ways and compares).
 */
import path from 'node:path'
import nunjucks from 'nunjucks'

type Macro = (...args: unknown[]) => unknown
type Exported = Record<string, unknown>
type ExportedCallback = (error: Error | null, exported: Exported | null) => void
interface TemplateInternals {
  path?: string
  getExported: (...args: unknown[]) => void
}

const { SafeString } = (nunjucks as unknown as { runtime: { SafeString: new (text: string) => { val: string } } }).runtime

/** An upper bound on what the cache holds: the characters of its keys and its HTML. */
export const DEFAULT_COMPONENT_CACHE_CHARACTERS = 2_000_000

export interface ComponentCache {
  /** Entries and their characters (keys and HTML) held now. */
  readonly entries: number
  readonly characters: number
  readonly hits: number
  readonly misses: number
}

/** Deeper than any component's parameters go; deeper (or a cycle) is never remembered. */
const DEEPEST = 32

/**
 * Checks that `value` is what JSON writes exactly (strings, finite numbers,
 * booleans, null, arrays and plain objects) and notes, by their place in
 * JSON's order of visiting, what JSON would blur: an `undefined` (JSON drops
 * it from an object and writes null in an array) and Nunjucks' safe string
 * (JSON writes it as a plain object). False for anything else.
 */
function exactJson(value: unknown, marks: string[], place: { n: number }, depth: number): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true
    case 'number':
      return Number.isFinite(value)
    case 'object': {
      if (value === null) return true
      if (depth > DEEPEST) return false
      if (Array.isArray(value)) {
        for (const item of value as unknown[]) {
          place.n++
          if (item === undefined) marks.push(`u${place.n}`)
          else if (!exactJson(item, marks, place, depth + 1)) return false
        }
        return true
      }
      if (value instanceof SafeString) {
        marks.push(`s${place.n}`)
        return true
      }
      const prototype = Object.getPrototypeOf(value) as unknown
      if (prototype !== Object.prototype && prototype !== null) return false
      for (const [name, item] of Object.entries(value)) {
        place.n++
        if (item === undefined) marks.push(`u${place.n}${JSON.stringify(name)}`)
        else if (!exactJson(item, marks, place, depth + 1)) return false
      }
      return true
    }
    default:
      // A function (a caller block, or a toJSON that would change what JSON writes), a symbol, a bigint.
      return false
  }
}

/**
 * The exact text of a call's arguments, or undefined when they hold anything
 * JSON would lose: their JSON, then what JSON blurs (see exactJson). So
 * `undefined`, `null` and a missing property are told apart (a macro's
 * `default` filter and its loops over an object's properties tell them
 * apart), and so are safe HTML and text of the same characters. Checking
 * first and then writing with JSON's own fast path costs half of a replacer
 * function's call at every value (70 µs against 150 for a list of 200).
 */
export function argumentsKey(args: unknown[]): string | undefined {
  const marks: string[] = []
  if (!exactJson(args, marks, { n: 0 }, 0)) return undefined
  const json = JSON.stringify(args)
  // JSON never holds a raw NUL (it writes \u0000), so the marks cannot run into it.
  return marks.length === 0 ? json : `${json}\u0000${marks.join(',')}`
}

/**
 * Remembers the output of the component macros that `env` imports from
 * `componentsDir` (nhsuk-frontend's `nhsuk/components`), up to `characters`
 * characters of keys and HTML. Only this environment's templates change.
 */
export function cacheComponentMacros(
  env: nunjucks.Environment,
  componentsDir: string,
  characters = DEFAULT_COMPONENT_CACHE_CHARACTERS,
): ComponentCache {
  const prefix = path.resolve(componentsDir) + path.sep
  const held = new Map<string, { html: unknown; cost: number }>()
  const stats = { characters: 0, hits: 0, misses: 0 }

  function remember(key: string, html: unknown): void {
    const cost = key.length + String(html).length
    // One call bigger than an eighth of the cache would push out too much of what is used.
    if (cost > characters / 8) return
    held.set(key, { html, cost })
    stats.characters += cost
    for (const [oldKey, entry] of held) {
      if (stats.characters <= characters) break
      held.delete(oldKey)
      stats.characters -= entry.cost
    }
  }

  function remembered(id: string, macro: Macro): Macro {
    return function (this: unknown, ...args: unknown[]) {
      const argsKey = argumentsKey(args)
      if (argsKey === undefined) return macro.apply(this, args)
      const key = `${id}\u0000${argsKey}`
      const entry = held.get(key)
      if (entry !== undefined) {
        // Most recently used goes last: the first entries are the first out.
        held.delete(key)
        held.set(key, entry)
        stats.hits++
        return entry.html
      }
      stats.misses++
      const html = macro.apply(this, args)
      remember(key, html)
      return html
    }
  }

  function wrapExports(templatePath: string, exported: Exported): Exported {
    const wrapped: Exported = {}
    for (const [name, value] of Object.entries(exported)) {
      wrapped[name] = typeof value === 'function' ? remembered(`${templatePath}#${name}`, value as Macro) : value
    }
    return wrapped
  }

  // A component's template, once loaded, hands its macros out through the cache. Nunjucks keeps each
  // loaded template, so this happens once a template (the mark keeps a second load from wrapping twice).
  const patched = new WeakSet<object>()
  function patch(template: unknown): void {
    const internals = template as TemplateInternals | null
    if (internals === null || typeof internals !== 'object' || patched.has(internals)) return
    patched.add(internals)
    const templatePath = internals.path
    if (templatePath === undefined || !templatePath.startsWith(prefix)) return
    const getExported = internals.getExported.bind(internals)
    internals.getExported = (...args: unknown[]) => {
      // getExported([context], [parentFrame], callback): the callback is always the last argument.
      const callback = args.pop() as ExportedCallback
      getExported(...args, (error: Error | null, exported: Exported | null) =>
        callback(error, error === null && exported !== null ? wrapExports(templatePath, exported) : exported),
      )
    }
  }

  // The compiled templates find an import with env.getTemplate(name, ..., callback); the template
  // comes back through the callback (or as the result when there is none).
  const getTemplate = env.getTemplate.bind(env) as (...args: unknown[]) => unknown
  ;(env as unknown as { getTemplate: (...args: unknown[]) => unknown }).getTemplate = (...args: unknown[]) => {
    const at = args.findLastIndex((arg) => typeof arg === 'function')
    if (at === -1) {
      const template = getTemplate(...args)
      patch(template)
      return template
    }
    const callback = args[at] as (error: unknown, template: unknown) => void
    args[at] = (error: unknown, template: unknown) => {
      if (!error) patch(template)
      callback(error, template)
    }
    return getTemplate(...args)
  }

  return {
    get entries() {
      return held.size
    },
    get characters() {
      return stats.characters
    },
    get hits() {
      return stats.hits
    },
    get misses() {
      return stats.misses
    },
  }
}
