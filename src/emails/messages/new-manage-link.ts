import type { EmailMessage } from '../render-email.js'

/** A new link to the candidate's own page, asked for on the "This link does not work" page. */
interface NewManageLinkModel {
  candidateName: string
  when: string
  reference: string
  manageUrl: string
}

export const newManageLink: EmailMessage<NewManageLinkModel> = {
  template: 'new-manage-link',
  subject: () => 'Your new link to your career conversation',
}
