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

interface EncodingState {
  /** Places visited so far, in JSON's order: each array item and each object property. */
  n: number
  /** What JSON would blur, by place: an `undefined` (JSON drops it from an object, writes null in an array), a safe string. */
  marks: string[]
  /** Whether the value just encoded can never change: a primitive, or frozen all the way down with data properties only. */
  unchanging: boolean
}

/** The encodings of values that can never change (see EncodingState.unchanging), by identity. */
const unchangingEncodings = new WeakMap<object, { text: string; visits: number }>()

/**
 * How many places JSON visits in `value` when every one holds a string, a
 * boolean, a finite number or null (written by JSON exactly as encode would);
 * -1 otherwise.
 */
function plainValuesOnly(value: object): number {
  let places = 0
  for (const item of Array.isArray(value) ? (value as unknown[]) : Object.values(value)) {
    places++
    if (item === null || typeof item === 'string' || typeof item === 'boolean') continue
    if (typeof item === 'number' && Number.isFinite(item)) continue
    return -1
  }
  return places
}

/** Own properties that are all plain data: a getter could answer differently each time. */
function dataOnly(value: object): boolean {
  return Object.values(Object.getOwnPropertyDescriptors(value)).every((descriptor) => 'value' in descriptor)
}

/**
 * The text of `value` in JSON's form, with what JSON would blur noted in
 * `state.marks` (see argumentsKey), or undefined when it holds anything JSON
 * would lose: a function (a caller block, or a toJSON that would change what
 * JSON writes), a symbol, a bigint, a number that is not finite, an object of
 * a class of its own (a Date, a Map), something deeper than DEEPEST or a cycle.
 *
 * An array or object frozen all the way down is encoded once and its text
 * kept by identity: pages pass their long lists (the filters' 200 coaches)
 * frozen and kept, and encoding that list took 70 µs at each call.
 */
function encode(value: unknown, state: EncodingState, depth: number): string | undefined {
  state.unchanging = true
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value)
    case 'boolean':
      return value ? 'true' : 'false'
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : undefined
    case 'object': {
      if (value === null) return 'null'
      if (depth > DEEPEST) return undefined
      const kept = unchangingEncodings.get(value)
      if (kept !== undefined) {
        state.n += kept.visits
        return kept.text
      }
      if (value instanceof SafeString) {
        state.marks.push(`s${state.n}`)
        state.unchanging = false
        return JSON.stringify(value)
      }
      const isArray = Array.isArray(value)
      if (!isArray) {
        const prototype = Object.getPrototypeOf(value) as unknown
        if (prototype !== Object.prototype && prototype !== null) return undefined
      }
      // Most values are small objects of plain values (an option, a label): JSON's own writer does those faster.
      const plain = Object.isFrozen(value) ? -1 : plainValuesOnly(value)
      if (plain !== -1) {
        state.n += plain
        state.unchanging = false
        return JSON.stringify(value)
      }
      const first = state.n
      const marksBefore = state.marks.length
      let unchanging = Object.isFrozen(value)
      let text: string
      if (isArray) {
        text = '['
        const items = value as unknown[]
        for (let i = 0; i < items.length; i++) {
          state.n++
          if (i > 0) text += ','
          const item = items[i]
          if (item === undefined) {
            state.marks.push(`u${state.n}`)
            text += 'null'
            continue
          }
          const part = encode(item, state, depth + 1)
          if (part === undefined) return undefined
          unchanging &&= state.unchanging
          text += part
        }
        text += ']'
      } else {
        text = '{'
        const record = value as Record<string, unknown>
        for (const name of Object.keys(record)) {
          state.n++
          const item = record[name]
          if (item === undefined) {
            state.marks.push(`u${state.n}${JSON.stringify(name)}`)
            continue
          }
          const part = encode(item, state, depth + 1)
          if (part === undefined) return undefined
          unchanging &&= state.unchanging
          text += `${text.length > 1 ? ',' : ''}${JSON.stringify(name)}:${part}`
        }
        text += '}'
      }
      unchanging &&= state.marks.length === marksBefore && dataOnly(value)
      if (unchanging) unchangingEncodings.set(value, { text, visits: state.n - first })
      state.unchanging = unchanging
      return text
    }
    default:
      return undefined
  }
}

/**
 * The exact text of a call's arguments, or undefined when they hold anything
 * JSON would lose (see encode): their JSON, then what JSON blurs. So
 * `undefined`, `null` and a missing property are told apart (a macro's
 * `default` filter and its loops over an object's properties tell them
 * apart), and so are safe HTML and text of the same characters.
 */
export function argumentsKey(args: unknown[]): string | undefined {
  const state: EncodingState = { n: 0, marks: [], unchanging: false }
  const text = encode(args, state, 0)
  if (text === undefined) return undefined
  // JSON never holds a raw NUL (it writes \u0000), so the marks cannot run into it.
  return state.marks.length === 0 ? text : `${text}\u0000${state.marks.join(',')}`
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
