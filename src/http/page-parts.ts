/**
 * Long pages sent as bytes assembled from their parts, never as one string.
 *
 * Nunjucks renders a page into one string. The follow-up review's page of 50
 * actions is about 160,000 characters, and one character outside Latin-1 (the
 * en dash of every title) makes V8 keep it at two bytes a character: over
 * V8's 128 KB limit for ordinary objects, so each page's string went straight
 * into the old generation. Under four admins at once that was a full
 * collection every 200-250 ms, each pausing every request (the review page's
 * p99 of 62 ms against the API's 26 ms, docs/performance.md).
 *
 * A template marks what repeats, a table's row, say, with
 * `{% call part() %}...{% endcall %}`. Each part is rendered as Nunjucks
 * renders it (the same scope, escaping and macros), kept aside, and a marker
 * stands in the page's own text; the answer is then written into one buffer,
 * outside V8's heap, piece by piece. Every string on the way is a part's or
 * the page's own text without its parts: small, young, and collected cheaply.
 * The bytes are the same as a plain render's (test/http/page-parts.test.ts).
 */
import { randomBytes } from 'node:crypto'
import nunjucks from 'nunjucks'

const { SafeString } = (nunjucks as unknown as { runtime: { SafeString: new (text: string) => object } }).runtime

/**
 * Where a render keeps its parts: an array put in the data given to the render. Nunjucks copies that data into the
 * render's context (string keys only), so the copy holds the same array.
 */
export const PARTS = '__pageParts'
/**
 * The marker in the page's text where a part goes. Text from people reaches the page escaped (`<` as `&lt;`), so it
 * cannot spell a comment; the process's own random word keeps our own templates from spelling it by chance.
 */
const MARKER = `<!--part-${randomBytes(8).toString('hex')}-->`

type RenderContext = Record<string, unknown>
type Callback = (error: Error | null, output?: string | Buffer | null) => void

interface CallerArguments {
  caller?: () => unknown
}

/** `part()`, for `{% call part() %}`: keeps what the block renders aside and leaves the marker in its place. */
function part(this: { ctx: RenderContext }, keywords?: CallerArguments): object {
  if (typeof keywords?.caller !== 'function') throw new Error('part() is used as {% call part() %}...{% endcall %}')
  const text = String(keywords.caller())
  const parts = this.ctx[PARTS] as string[] | undefined
  // Rendered some other way (renderString, say): the part stays where it is.
  if (!Array.isArray(parts)) return new SafeString(text)
  parts.push(text)
  return new SafeString(MARKER)
}

/** The page's text with its parts put back, as UTF-8 bytes; the text itself when it has none. */
export function assemble(text: string, parts: readonly string[] | undefined): string | Buffer {
  if (!parts || parts.length === 0) return text
  const pieces = text.split(MARKER)
  if (pieces.length !== parts.length + 1) throw new Error(`A page has ${parts.length} parts but ${pieces.length - 1} places for them`)
  let length = 0
  for (let i = 0; i < pieces.length; i++) length += Buffer.byteLength(pieces[i]!) + (i < parts.length ? Buffer.byteLength(parts[i]!) : 0)
  const bytes = Buffer.allocUnsafe(length)
  let offset = 0
  for (let i = 0; i < pieces.length; i++) {
    offset += bytes.write(pieces[i]!, offset)
    if (i < parts.length) offset += bytes.write(parts[i]!, offset)
  }
  return bytes
}

/**
 * Gives the environment `part()` and makes its `render` assemble pages that use it (@fastify/view calls
 * `env.render(name, context, callback)` and sends what it gets: a string or, for a page with parts, a buffer).
 */
export function usePageParts(env: nunjucks.Environment): void {
  env.addGlobal('part', part)
  const render = env.render.bind(env) as (name: string, context?: RenderContext, callback?: Callback) => string | undefined
  function assembling(name: string, context?: RenderContext | Callback, callback?: Callback): string | undefined {
    if (typeof context === 'function') return assembling(name, {}, context)
    const parts: string[] = []
    const data = { ...context, [PARTS]: parts }
    if (typeof callback !== 'function') {
      // Rendered without a callback: a string, as Nunjucks gives it, the parts put back as text.
      const assembled = assemble(render(name, data)!, parts)
      return typeof assembled === 'string' ? assembled : assembled.toString('utf8')
    }
    render(name, data, (error, output) => {
      if (error) return callback(error)
      try {
        callback(null, assemble(String(output), parts))
      } catch (assemblyError) {
        callback(assemblyError as Error)
      }
    })
    return undefined
  }
  env.render = assembling as unknown as typeof env.render
}
