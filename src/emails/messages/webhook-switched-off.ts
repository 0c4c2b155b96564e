import type { EmailMessage } from '../render-email.js'

/** To each admin: a webhook endpoint failed for a day and has been switched off (src/domain/integrations/webhooks.ts). */
interface WebhookSwitchedOffModel {
  adminFirstName: string
  url: string
  lastError: string
  pageUrl: string
}

export const webhookSwitchedOff: EmailMessage<WebhookSwitchedOffModel> = {
  template: 'webhook-switched-off',
  subject: () => 'A webhook has been switched off',
}
