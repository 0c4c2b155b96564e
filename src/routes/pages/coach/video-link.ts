import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { formatDateTimeRange } from '../../../domain/time/index.js'
import { staffRequest } from '../../../http/staff-request.js'
import { changeBookingVideoLink, openBookingVideoLinks, parseVideoLink } from '../../../domain/video-links/index.js'
import { errorsView } from '../../../http/error-summary.js'
import { headerNavigation } from './notes-view.js'

/**
 * A video link for one conversation, for its coach (another coach's is a 404;
 * a conversation that has started, is a phone call or is cancelled is a 409):
 *
 *   GET  /coach/conversations/:bookingId/video-link   the form
 *   POST /coach/conversations/:bookingId/video-link   save; empty means "use my usual link"
 *
 * When the link the candidate has changes, they are emailed the new one.
 * (Registered by ./index.ts.)
 */
const Params = Type.Object({ bookingId: Type.String({ maxLength: 100 }) })
const Body = Type.Object({ _csrf: Type.Optional(Type.String()), videoLink: Type.Optional(Type.String({ maxLength: 1000 })) })

export const conversationVideoLinkPages: FastifyPluginAsyncTypebox = async (app) => {
  const deps = app.deps

  async function render(request: FastifyRequest, reply: FastifyReply, bookingId: string, posted?: { value: string; error: string }) {
    // One read: the links, and what the page says of the conversation.
    const links = await openBookingVideoLinks(deps, bookingId, request.staff!.coachId!)
    return reply.code(posted ? 400 : 200).view('pages/coach/video-link.njk', {
      pageTitle: `Video call link for ${links.candidateName}`,
      caption: `${links.candidateName}, ${formatDateTimeRange(links.startsAt, links.endsAt, links.coachTimeZone)}`,
      formAction: `/coach/conversations/${bookingId}/video-link`,
      value: posted ? posted.value : (links.bookingLink ?? ''),
      coachLink: links.coachLink,
      ...errorsView(posted ? [{ field: 'videoLink', message: posted.error }] : []),
      error: posted?.error,
      headerNavigation: headerNavigation(),
      backLink: { href: '/coach', text: 'Back to your conversations' },
    })
  }

  app.get('/conversations/:bookingId/video-link', { schema: { hide: true, params: Params } }, async (request, reply) =>
    render(request, reply, request.params.bookingId),
  )

  app.post('/conversations/:bookingId/video-link', { schema: { hide: true, params: Params, body: Body } }, async (request, reply) => {
    const { bookingId } = request.params
    const parsed = parseVideoLink(request.body.videoLink)
    if (!parsed.ok) return render(request, reply, bookingId, { value: request.body.videoLink ?? '', error: parsed.message })
    const { candidateTold } = await changeBookingVideoLink(deps, {
      bookingId,
      coachId: request.staff!.coachId!,
      by: staffRequest(request),
      link: parsed.link,
    })
    return reply.redirect(`/coach?saved=${candidateTold ? 'video-link-sent' : 'video-link-saved'}`, 303)
  })
}
