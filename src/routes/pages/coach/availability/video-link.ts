/**
 * GET /video-link, POST: the coach's usual video call link. A new link emails
 * the candidates whose link it changes, in the same transaction as the change.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import type { AvailabilityFieldError, FormInput } from '../../../../domain/availability/index.js'
import { fieldError } from '../../../../domain/availability/types.js'
import { changeCoachVideoLink, parseVideoLink } from '../../../../domain/video-links/index.js'
import { FormBody, availabilityPage, errorView, type AvailabilityPagesOptions, type Page } from './availability-page.js'

const videoLinkPages: FastifyPluginAsyncTypebox<AvailabilityPagesOptions> = async (app, { scope }) => {
  const { pageFor, titleFor, change } = availabilityPage(app, scope)

  function renderVideoLink(reply: FastifyReply, page: Page, posted?: FormInput, errors: AvailabilityFieldError[] = []) {
    return reply.code(errors.length > 0 ? 400 : 200).view('pages/availability/video-link.njk', {
      ...page.view,
      ...errorView(errors),
      pageTitle: titleFor(page, 'Video call link'),
      backLink: { href: page.base, text: 'Back to availability' },
      value: posted ? (posted.videoLink ?? '') : (page.coach.videoLink ?? ''),
      hasLink: page.coach.videoLink !== null,
    })
  }

  app.get('/video-link', { schema: { hide: true } }, async (request, reply) => renderVideoLink(reply, await pageFor(request)))

  app.post('/video-link', { schema: { hide: true, body: FormBody } }, async (request, reply) => {
    const page = await pageFor(request)
    const parsed = parseVideoLink(request.body.videoLink)
    if (!parsed.ok) return renderVideoLink(reply, page, request.body, [fieldError('videoLink', parsed.message)])
    await change(request, page, 'video_link', (client) => changeCoachVideoLink(app.deps, client, page.coach.id, parsed.link))
    return reply.redirect(`${page.base}?saved=${parsed.link ? 'video-link' : 'video-link-removed'}`, 303)
  })
}

export default videoLinkPages
