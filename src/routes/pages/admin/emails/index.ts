import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { Type } from 'typebox'
import { outboxEntries, outboxMessage, retryDelivery } from '../../../../emails/admin-emails.js'
import { listFailingDeliveries } from '../../../../repositories/failing-email-deliveries.js'
import { emailPreviews } from '../../../../emails/previews.js'
import { staffRequest } from '../../../../http/staff-request.js'
import { NotFoundError } from '../../../../domain/errors.js'
import { formatDate, formatTime } from '../../../../domain/time/index.js'

/** An email's own HTML, shown on its own: no script, nothing fetched, not framed. */
function sendEmailHtml(reply: FastifyReply, html: string) {
  return reply
    .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; sandbox")
    .type('text/html; charset=utf-8')
    .send(html)
}

const when = (date: Date | string | undefined) => (date ? `${formatDate(new Date(date))}, ${formatTime(new Date(date))}` : '')

/** /admin/emails: failed deliveries (send again), the local outbox, and previews of every email. Access: ../autohooks.ts. */
const adminEmails: FastifyPluginAsyncTypebox = async (app) => {
  const outboxDir = app.mailer.outboxDir

  app.get('/', { schema: { hide: true, querystring: Type.Object({ retried: Type.Optional(Type.String()) }) } }, async (request, reply) => {
    const failed = await listFailingDeliveries(app.pg.pool)
    const outbox = outboxDir ? await outboxEntries(outboxDir) : undefined
    return reply.view('pages/admin/emails/index.njk', {
      retried: request.query.retried !== undefined,
      failed: failed.map((f) => ({ ...f, lastTriedAt: when(f.lastTriedAt) })),
      outbox: outbox?.map((entry) => ({ ...entry, date: when(entry.date) })),
      transport: app.mailer.transport,
    })
  })

  app.post(
    '/deliveries/:id/retry',
    { schema: { hide: true, params: Type.Object({ id: Type.String({ format: 'uuid' }) }) } },
    async (request, reply) => {
      await retryDelivery(app.deps, request.params.id, staffRequest(request))
      return reply.redirect('/admin/emails?retried=1', 303)
    },
  )

  const FileParams = Type.Object({ file: Type.String({ pattern: '^[A-Za-z0-9._-]+\\.eml$' }) })

  app.get('/outbox/:file', { schema: { hide: true, params: FileParams } }, async (request, reply) => {
    const message = outboxDir ? await outboxMessage(outboxDir, request.params.file) : undefined
    if (!message) throw new NotFoundError('There is no such message in the outbox')
    return reply.view('pages/admin/emails/message.njk', { message: { ...message, date: when(message.date) }, htmlUrl: `/admin/emails/outbox/${message.file}/html` })
  })

  app.get('/outbox/:file/html', { schema: { hide: true, params: FileParams } }, async (request, reply) => {
    const message = outboxDir ? await outboxMessage(outboxDir, request.params.file) : undefined
    if (!message?.html) throw new NotFoundError('This message has no HTML part')
    return sendEmailHtml(reply, message.html)
  })

  app.get('/previews', { schema: { hide: true } }, async (_request, reply) => {
    const previews = emailPreviews(app.config.PUBLIC_URL, app.clock.now())
    return reply.view('pages/admin/emails/previews.njk', { previews: previews.map((p) => ({ key: p.key, title: p.title, subject: p.email.subject })) })
  })

  const PreviewParams = Type.Object({ key: Type.String({ pattern: '^[a-z0-9-]+$' }) })

  app.get('/previews/:key', { schema: { hide: true, params: PreviewParams } }, async (request, reply) => {
    const preview = emailPreviews(app.config.PUBLIC_URL, app.clock.now()).find((p) => p.key === request.params.key)
    if (!preview) throw new NotFoundError('There is no such email')
    const { email } = preview
    return reply.view('pages/admin/emails/message.njk', {
      preview: true,
      message: { subject: email.subject, to: email.to, from: app.config.MAIL_FROM, text: email.text, attachments: [] },
      htmlUrl: `/admin/emails/previews/${preview.key}/html`,
    })
  })

  app.get('/previews/:key/html', { schema: { hide: true, params: PreviewParams } }, async (request, reply) => {
    const preview = emailPreviews(app.config.PUBLIC_URL, app.clock.now()).find((p) => p.key === request.params.key)
    if (!preview) throw new NotFoundError('There is no such email')
    return sendEmailHtml(reply, preview.email.html)
  })
}

export default adminEmails
