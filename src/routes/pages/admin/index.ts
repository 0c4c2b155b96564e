import type { FastifyPluginAsync } from 'fastify'

/** What the programme team can look after, each a section of its own. */
const adminSections = [
  { href: '/admin/programmes', title: 'Programmes', description: 'Add a programme, and change its booking rules, reminders, conversation model and record keeping.' },
  { href: '/admin/invitations', title: 'Invitations', description: 'Invite people one by one or from a list, and see who has booked.' },
  { href: '/admin/bookings', title: 'Bookings', description: 'Find a booking, see what happened to it, move it to another coach or cancel it.' },
  { href: '/admin/waitlist', title: 'Waitlists', description: 'Who is waiting for a time on each programme, for how long, the times offered to them; take someone off.' },
  { href: '/admin/actions', title: 'Follow-up actions', description: 'What candidates and coaches agreed to do: overdue, in progress and done.' },
  { href: '/admin/resources', title: 'Resource library', description: 'Courses, job sites and guides coaches signpost in agreed actions.' },
  { href: '/admin/reports', title: 'Programme figures', description: 'Invitations, bookings, conversations held and actions completed, for a period.' },
  { href: '/admin/coaches', title: 'Coaches', description: "See the coaches and change anyone's availability." },
  { href: '/admin/data', title: 'Data protection', description: 'Copies of what we hold about a person, erasure, and what retention will remove next.' },
  { href: '/admin/audit', title: 'Audit log', description: 'Who read or changed what, and when.' },
  { href: '/admin/staff', title: 'Staff accounts', description: 'Add coaches and admins, change roles, switch accounts off, reset two-factor.' },
  { href: '/account/two-factor', title: 'Your two-factor sign-in', description: 'Your authenticator app and recovery codes.' },
  { href: '/account/password', title: 'Your password', description: 'Change the password you sign in with.' },
  { href: '/admin/integrations', title: 'Integrations', description: 'API tokens for other systems, and webhooks that tell them of bookings.' },
  { href: '/admin/emails', title: 'Emails', description: 'Emails that could not be sent, the local outbox, and what every email looks like.' },
]

/** The programme team's landing page (access: ./autohooks.ts). */
const adminHome: FastifyPluginAsync = async (app) => {
  app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.view('pages/admin/index.njk', { sections: adminSections }))
}

export default adminHome
