import path from 'node:path'
import { createRequire } from 'node:module'
import fp from 'fastify-plugin'
import view from '@fastify/view'
import nunjucks from 'nunjucks'
import type { AppOptions } from '../../app.js'
import { projectPath } from '../../project-files.js'
import { cacheComponentMacros } from '../../http/component-cache.js'
import { shareCompiledTemplates } from '../../http/compiled-templates.js'
import { ACTION_COMMENT_MAX_LENGTH } from '../../domain/actions/types.js'
import { REASON_MAX_LENGTH } from '../../domain/booking/rules.js'
import { INVITATION_NOTE_MAX_LENGTH } from '../../domain/booking/service/invitations.js'
import { MAX_NOTE_TEXT_LENGTH } from '../../domain/conversation-models/notes.js'
import { ADDENDUM_MAX_LENGTH } from '../../domain/notes/types.js'
import { RESOURCE_DESCRIPTION_MAX_LENGTH } from '../../domain/resources/resource-library.js'

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

/**
 * The most a long text box may hold, for the character counts on its page
 * (`maxlength` of nhsuk-frontend's characterCount): the same limits the
 * services check, so the count and the error summary agree.
 */
const textLimits = {
  reason: REASON_MAX_LENGTH,
  actionComment: ACTION_COMMENT_MAX_LENGTH,
  invitationNote: INVITATION_NOTE_MAX_LENGTH,
  noteText: MAX_NOTE_TEXT_LENGTH,
  addendum: ADDENDUM_MAX_LENGTH,
  resourceDescription: RESOURCE_DESCRIPTION_MAX_LENGTH,
} as const

/**
 * What a character count says before its script runs (and without
 * JavaScript), with the number written as everywhere else: nhsuk-frontend's
 * own text puts the bare number in ("up to 10000 characters").
 */
function countText(limit: number): string {
  return `You can enter up to ${limit.toLocaleString('en-GB')} characters`
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
          shareCompiledTemplates(env)
          cacheComponentMacros(env, path.join(nhsukFrontendDir, 'nhsuk', 'components'))
          env.addGlobal('serviceName', 'Career conversations')
          env.addGlobal('isDevelopment', options.config.NODE_ENV === 'development')
          env.addGlobal('textLimits', textLimits)
          env.addGlobal('countText', countText)
        },
      },
    })
  },
  { name: 'views' },
)
