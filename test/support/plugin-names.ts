/**
 * Fastify names every plugin it registers, for its plugin tree and its error
 * messages: a plugin without a name of its own (`fastify-plugin`'s, or a
 * display name) gets one by a scan of every module Node has loaded
 * (`require.cache`) for one that exports it, twice a registration. The app
 * registers about 150 such plugins (autoload's route files), and a test
 * worker, which has vitest, Playwright, ESLint and TypeScript loaded, builds
 * the app about 70 times: the scans were 30-100 ms of each build (more as the
 * worker loaded more), 5-10 CPU-seconds a test run.
 *
 * A function's name never changes, so the first answer is kept on the
 * function itself, under the display-name symbol fastify reads before it
 * scans anything: every later build of the app in this worker names that
 * plugin exactly as before, without the scan. Plugins made afresh at each
 * build (autoload's per-folder wrappers) are still named by the scan.
 * Loaded once per worker by test/helper.ts; the app itself is untouched.
 */
import { createRequire } from 'node:module'

type Plugin = ((...args: never[]) => unknown) & Record<symbol, unknown>
interface PluginUtils {
  getPluginName(fn: Plugin): string | null
  registerPlugin(this: unknown, fn: Plugin): boolean
}

const DISPLAY_NAME = Symbol.for('fastify.display-name')
const PLUGIN_META = Symbol.for('plugin-meta')
// The very module fastify's own files require (fastify is CommonJS, loaded by Node, not by vitest).
const utils = createRequire(import.meta.url)('fastify/lib/plugin-utils.js') as PluginUtils & { namesKept?: true }

if (!utils.namesKept) {
  utils.namesKept = true
  const registerPlugin = utils.registerPlugin
  utils.registerPlugin = function (fn) {
    if (typeof fn === 'function' && fn[DISPLAY_NAME] === undefined && (fn[PLUGIN_META] as { name?: string } | undefined)?.name === undefined) {
      const name = utils.getPluginName(fn)
      if (name !== null && Object.isExtensible(fn)) fn[DISPLAY_NAME] = name
    }
    return registerPlugin.call(this, fn)
  }
}
