import path from 'node:path'
import { createRequire } from 'node:module'
import fp from 'fastify-plugin'
import view from '@fastify/view'
import nunjucks from 'nunjucks'
import type { AppOptions } from '../../app.js'
import { projectPath } from '../../project-files.js'

declare module 'fastify' {
  interface FastifyReply {
    /**
     * View data shared by every `reply.view` on this reply, set by hooks (e.g. `cspNonce`).
     * @fastify/view decorates it and merges it under the data a route passes; its types leave it out.
     */
    locals: Record<string, unknown>
  }
}

const require = createRequire(import.meta.url)
export const templatesDir = projectPath('templates')
/** nhsuk-frontend's own Nunjucks macros: `{% from "nhsuk/components/button/macro.njk" import button %}`. */
export const nhsukFrontendDir = path.join(path.dirname(require.resolve('nhsuk-frontend/package.json')), 'dist')

/**
 * Nunjucks' own `trim` filter is `replace(/^\s*|\s*$/g, '')`, which takes
 * time in the square of the text's length on text ending in much white space;
 * nhsuk-frontend's macros trim whole blocks of HTML with it (12 ms of every
 * report page). String.prototype.trim removes the same characters in one pass;
 * text marked safe stays safe.
 */
export function useLinearTrim(env: nunjucks.Environment): void {
  const runtime = (nunjucks as unknown as { runtime: { SafeString: new (text: string) => object } }).runtime
  env.addFilter('trim', (value: unknown) => {
    const trimmed = String(value ?? '').trim()
    return value instanceof runtime.SafeString ? new runtime.SafeString(trimmed) : trimmed
  })
}

/** `reply.view(template, data)`: server-rendered pages with the NHS design system. */
export default fp<AppOptions>(
  async (app, options) => {
    await app.register(view, {
      engine: { nunjucks },
      templates: [templatesDir, nhsukFrontendDir],
      options: {
        onConfigure: (env: nunjucks.Environment) => {
          useLinearTrim(env)
          env.addGlobal('serviceName', 'Career conversations')
          env.addGlobal('isDevelopment', options.config.NODE_ENV === 'development')
        },
      },
    })
  },
  { name: 'views' },
)
