/** JSON shapes of /api/v1/reports (TypeBox: validation, types and OpenAPI from one source). */
import { Type } from 'typebox'
import { ACTION_CATEGORIES, ACTION_STATUSES } from '../../../../domain/actions/types.js'

export const ProgrammeReportQuery = Type.Object({
  programme: Type.String({ minLength: 1, maxLength: 100, description: 'Programme id or slug (active or not)', examples: ['vaccinators'] }),
  from: Type.String({ maxLength: 20, description: 'First date, YYYY-MM-DD, UK time (Europe/London), included', examples: ['2026-01-01'] }),
  to: Type.String({ maxLength: 20, description: 'Last date, YYYY-MM-DD, UK time, included; at most 366 days in all', examples: ['2026-03-31'] }),
})

const Count = (description: string) => Type.Integer({ minimum: 0, description })
const NullableNumber = (description: string) => Type.Union([Type.Number(), Type.Null()], { description })
const Counts = (keys: readonly string[], description: string) =>
  Type.Object(Object.fromEntries(keys.map((key) => [key, Type.Integer({ minimum: 0 })])), { description })

const CompletedShare = (weeks: number) =>
  Type.Object(
    {
      share: NullableNumber(`Share (0 to 1, three decimal places) of the counted actions that were done ${weeks} weeks after their conversation; null when none were counted`),
      conversations: Count(`Held conversations at least ${weeks} weeks old (the only ones counted)`),
      actions: Count('Their actions'),
      done: Count(`Of those, done ${weeks} weeks after the conversation`),
    },
    { description: `Actions done ${weeks} weeks after the conversation (from the history of status changes)` },
  )

export const ProgrammeReportReply = Type.Object(
  {
    programme: Type.Object({ id: Type.String({ format: 'uuid' }), slug: Type.String(), name: Type.String() }),
    from: Type.String({ description: 'First date, YYYY-MM-DD, included' }),
    to: Type.String({ description: 'Last date, YYYY-MM-DD, included' }),
    timeZone: Type.String({ description: 'The zone of the dates: Europe/London' }),
    generatedAt: Type.String({ format: 'date-time' }),
    invitations: Type.Object({ sent: Count('Invitations created in the period (whatever their status now)') }),
    bookings: Type.Object(
      {
        made: Count('Bookings whose conversation time is in the period, in any state'),
        held: Count('Of those, conversations held (completed)'),
        noShows: Count('Candidate did not come'),
        upcoming: Count('Still booked: not yet held or not yet recorded'),
        cancelled: Count('Cancelled, by anyone'),
        cancelledByCandidate: Count('Cancelled by the candidate'),
        cancelledByStaff: Count('Cancelled by a coach, an admin or the system'),
      },
      { description: 'Bookings for conversations in the period' },
    ),
    daysFromInvitationToConversation: Type.Object(
      {
        count: Count('Held conversations that answered an invitation'),
        median: NullableNumber('Median UK calendar days from the invitation to the conversation, one decimal place'),
        mean: NullableNumber('Mean, one decimal place'),
      },
      { description: 'Only held conversations that answered an invitation' },
    ),
    actions: Type.Object(
      {
        agreed: Count('Actions agreed in the held conversations'),
        perConversation: NullableNumber('Mean actions per held conversation (two decimal places); null with none held'),
        byCategory: Counts(ACTION_CATEGORIES, 'Agreed actions by category'),
        byStatus: Counts(ACTION_STATUSES, 'Agreed actions by their status now'),
        completedShare: Type.Object({ weeks4: CompletedShare(4), weeks8: CompletedShare(8), weeks12: CompletedShare(12) }),
      },
      { description: 'Actions of the conversations held in the period' },
    ),
    wentOnTo: Type.Object(
      {
        basis: Type.Literal('actions_done', {
          description: 'No outcome after the conversation is recorded: derived from actions done, one count per held conversation',
        }),
        trainingStarted: Count('Held conversations with a "training or course" action done'),
        applicationMade: Count('Held conversations with a "job application" action done'),
        qualificationGained: Count('Held conversations with a "qualification" action done'),
        newRole: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], { description: 'Not recorded yet: always null' }),
      },
      { description: 'What candidates went on to' },
    ),
  },
  { description: 'The programme figures for conversations in a period' },
)
