import fp from 'fastify-plugin'
import nodemailer from 'nodemailer'
import type { AppOptions } from '../../app.js'
import { keepInOutbox, outboxDir } from '../../repositories/outbox.js'

/** One message, ready to go: rendered, addressed, with its stable Message-ID. */
export interface OutgoingEmail {
  to: string
  subject: string
  html: string
  text: string
  /** `<unique@domain>`, the same on every retry of one delivery. */
  messageId: string
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string; filename: string }
}

export interface Mailer {
  readonly transport: 'smtp' | 'outbox'
  /** Resolves once the SMTP server (or the outbox) has accepted the message; rejects otherwise. */
  send(email: OutgoingEmail): Promise<void>
  /** Where the local outbox keeps messages (only when there is no SMTP server). */
  readonly outboxDir?: string
}

declare module 'fastify' {
  interface FastifyInstance {
    mailer: Mailer
  }
}

/** `app.mailer`: SMTP (pooled) when SMTP_URL is set, otherwise the local outbox. */
export default fp<AppOptions>(
  async (app, options) => {
    const { SMTP_URL, MAIL_FROM, MAIL_REPLY_TO, DATA_DIR, JOBS_AT_ONCE } = options.config
    const common = { from: MAIL_FROM, ...(MAIL_REPLY_TO ? { replyTo: MAIL_REPLY_TO } : {}) }
    const toMessage = (email: OutgoingEmail) => ({
      ...common,
      to: email.to,
      subject: email.subject,
      html: email.html,
      text: email.text,
      messageId: email.messageId,
      ...(email.calendar
        ? { icalEvent: { method: email.calendar.method, content: email.calendar.content, filename: email.calendar.filename } }
        : {}),
    })

    if (SMTP_URL) {
      const url = new URL(SMTP_URL)
      url.searchParams.set('pool', 'true')
      // As many connections as the worker runs jobs at once, reused for many messages.
      url.searchParams.set('maxConnections', String(JOBS_AT_ONCE))
      // Seconds, not nodemailer's minutes: a relay that hangs fails the send, which is retried later.
      // (SMTP_URL may set its own, e.g. `?greetingTimeout=5000`.)
      for (const [name, ms] of [['connectionTimeout', 10_000], ['greetingTimeout', 10_000], ['socketTimeout', 30_000]] as const) {
        if (!url.searchParams.has(name)) url.searchParams.set(name, String(ms))
      }
      const transport = nodemailer.createTransport(url.toString())
      app.addHook('onClose', async () => transport.close())
      app.decorate('mailer', {
        transport: 'smtp',
        async send(email) {
          await transport.sendMail(toMessage(email))
        },
      } satisfies Mailer)
      return
    }

    const dir = outboxDir(DATA_DIR)
    const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' })
    app.decorate('mailer', {
      transport: 'outbox',
      outboxDir: dir,
      async send(email) {
        const info = await transport.sendMail(toMessage(email))
        const fileName = await keepInOutbox(dir, info.message as Buffer, app.clock.now(), email.messageId)
        app.log.info({ outboxFile: fileName }, 'email kept in the local outbox')
      },
    } satisfies Mailer)
  },
  { name: 'mailer' },
)
