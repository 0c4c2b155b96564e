import nunjucks from 'nunjucks'
import { templatesDir, useLinearTrim } from '../plugins/external/views.js'

/** HTML parts are escaped; plain-text parts are not (there is no markup to break). */
const html = new nunjucks.Environment(new nunjucks.FileSystemLoader(templatesDir), { autoescape: true })
const text = new nunjucks.Environment(new nunjucks.FileSystemLoader(templatesDir), { autoescape: false })
useLinearTrim(html)
useLinearTrim(text)

/** A message type: its template pair under templates/emails, and its subject line. */
export interface EmailMessage<Model extends object> {
  template: string
  subject(model: Model): string
}

export interface RenderedEmail {
  subject: string
  html: string
  text: string
}

export function renderEmail<Model extends object>(message: EmailMessage<Model>, model: Model): RenderedEmail {
  const subject = message.subject(model)
  const context = { ...model, subject }
  return {
    subject,
    html: html.render(`emails/${message.template}.html.njk`, context),
    text: text.render(`emails/${message.template}.text.njk`, context).replace(/\n{3,}/g, '\n\n').trim() + '\n',
  }
}
