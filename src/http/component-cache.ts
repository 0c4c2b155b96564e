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

/** Marks no string can carry (a string starting with one is never remembered). */
const UNDEFINED = '\u0000u'
const SAFE = '\u0000s'

export interface ComponentCache {
  /** Entries and their characters (keys and HTML) held now. */
  readonly entries: number
  readonly characters: number
  readonly hits: number
  readonly misses: number
}

/**
 * The exact text of a call's arguments, or undefined when they hold anything
 * JSON would lose or blur: a function (a caller block), a symbol, a number
 * that is not finite, an object that is not a plain object, an array or
 * Nunjucks' safe string. `undefined` is kept apart from `null` and from a
 * missing property, since a macro's `default` filter tells them apart.
 */
export function argumentsKey(args: unknown[]): string | undefined {
  let exact = true
  const key = JSON.stringify(args, function (this: Record<string, unknown>, name: string, _converted: unknown) {
    // The value as given, before JSON's own toJSON (a Date's) has turned it into something else.
    const value = this[name]
    switch (typeof value) {
      case 'undefined':
        return UNDEFINED
      case 'string':
        if (value.startsWith('\u0000')) exact = false
        return value
      case 'number':
        if (!Number.isFinite(value)) exact = false
        return value
      case 'boolean':
        return value
      case 'object': {
        if (value === null || Array.isArray(value)) return value
        if (value instanceof SafeString) return { [SAFE]: value.val }
        const prototype = Object.getPrototypeOf(value) as unknown
        if (prototype !== Object.prototype && prototype !== null) exact = false
        return value
      }
      default:
        exact = false
        return undefined
    }
  })
  return exact ? key : undefined
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
