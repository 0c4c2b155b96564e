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

/** `reply.view(template, data)`: server-rendered pages with the NHS design system. */
export default fp<AppOptions>(
  async (app, options) => {
    await app.register(view, {
      engine: { nunjucks },
      templates: [templatesDir, nhsukFrontendDir],
      options: {
        onConfigure: (env: nunjucks.Environment) => {
          env.addGlobal('serviceName', 'Career conversations')
          env.addGlobal('isDevelopment', options.config.NODE_ENV === 'development')
        },
      },
    })
  },
  { name: 'views' },
)
