/** JSON shapes of /api/v1/reports (TypeBox: validation, types and OpenAPI from one source). */
import { Type } from 'typebox'
import { ACTION_CATEGORIES, ACTION_OWNERS, ACTION_STATUSES } from '../../../../domain/actions/types.js'
import { FeedbackReport, OutcomesReport } from './outcome-schemas.js'
import { WaitlistReport } from '../../../../schemas/waitlist.js'

export const ProgrammeReportQuery = Type.Object({
  programme: Type.String({ minLength: 1, maxLength: 100, description: 'Programme id or slug (active or not)', examples: ['vaccinators'] }),
  from: Type.String({ maxLength: 20, description: 'First date, YYYY-MM-DD, UK time (Europe/London), included', examples: ['2026-01-01'] }),
  to: Type.String({ maxLength: 20, description: 'Last date, YYYY-MM-DD, UK time, included; at most 366 days in all', examples: ['2026-03-31'] }),
})

const Count = (description: string) => Type.Integer({ minimum: 0, description })
const NullableNumber = (description: string) => Type.Union([Type.Number(), Type.Null()], { description })
const Counts = (keys: readonly string[], description: string) =>
  Type.Object(Object.fromEntries(keys.map((key) => [key, Type.Integer({ minimum: 0 })])), { description })

const Share = (description: string) => NullableNumber(`${description} (0 to 1, three decimal places); null when there is nothing to divide by`)

const ShareDone = (weeks: number) =>
  Type.Object(
    {
      share: Share(`Share of the counted actions done ${weeks} weeks after their conversation`),
      actions: Count(`Actions of held conversations at least ${weeks} weeks old`),
      done: Count(`Of those, done ${weeks} weeks after the conversation`),
    },
    { description: `Done ${weeks} weeks after the conversation` },
  )
const SharesByHorizon = Type.Object({ weeks4: ShareDone(4), weeks8: ShareDone(8), weeks12: ShareDone(12) })
const SharesBy = (keys: readonly string[], description: string) =>
  Type.Object(Object.fromEntries(keys.map((key) => [key, SharesByHorizon])), { description })

const FunnelStage = (description: string, of: string) =>
  Type.Object({ count: Count(description), rate: Share(`count / ${of}`) }, { description })

const DaysSummary = (description: string) =>
  Type.Object(
    {
      count: Count('Bookings counted'),
      median: NullableNumber('Median UK calendar days, one decimal place; null when none were counted'),
      percentile90: NullableNumber('90th percentile (interpolated, percentile_cont), one decimal place'),
      mean: NullableNumber('Mean, one decimal place'),
    },
    { description },
  )

const Hours = (description: string) => Type.Number({ minimum: 0, description: `${description}, two decimal places` })

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
    funnel: Type.Object(
      {
        basis: Type.Literal('invitations_sent_in_period', {
          description: 'The invitations sent in the period, each followed to the best that came of its bookings, whenever they were',
        }),
        invited: Count('Invitations sent in the period'),
        booked: FunnelStage('Of those, booked at least once', 'invited'),
        held: FunnelStage('Of those booked, the conversation was held', 'booked'),
        didNotAttend: FunnelStage('Of those booked, none held and the candidate did not come', 'booked'),
        stillBooked: FunnelStage('Of those booked, none held or missed and one still booked', 'booked'),
        cancelled: FunnelStage('Of those booked, every booking was cancelled', 'booked'),
        conversion: Share('held / invited'),
      },
      { description: 'From invitation to conversation: held, didNotAttend, stillBooked and cancelled add up to booked' },
    ),
    daysFromInvitationToConversation: DaysSummary(
      'UK calendar days from the invitation to the conversation: held conversations of the period that answered an invitation',
    ),
    daysFromInvitationToBooking: DaysSummary(
      'UK calendar days from the invitation to the day the booking was made: bookings of the period (in any state) that answered an invitation',
    ),
    actions: Type.Object(
      {
        agreed: Count('Actions agreed in the held conversations'),
        perConversation: NullableNumber('Mean actions per held conversation (two decimal places); null with none held'),
        byCategory: Counts(ACTION_CATEGORIES, 'Agreed actions by category'),
        byStatus: Counts(ACTION_STATUSES, 'Agreed actions by their status now'),
        byOwner: Counts(ACTION_OWNERS, 'Agreed actions by who does them'),
        completedShare: Type.Object({ weeks4: CompletedShare(4), weeks8: CompletedShare(8), weeks12: CompletedShare(12) }),
        completedShareByCategory: SharesBy(ACTION_CATEGORIES, 'The share done 4, 8 and 12 weeks after the conversation, by category'),
        completedShareByOwner: SharesBy(ACTION_OWNERS, 'The share done 4, 8 and 12 weeks after the conversation, by who does the action'),
      },
      { description: 'Actions of the conversations held in the period' },
    ),
    coachUtilisation: Type.Object(
      {
        bookedHours: Hours('Hours of the programme\'s conversations in the period that were not cancelled'),
        availableHours: Hours('Working hours of its coaches in the period'),
        share: Share('bookedHours / availableHours'),
        coaches: Type.Array(
          Type.Object({
            coach: Type.Object({ id: Type.String({ format: 'uuid' }), name: Type.String() }),
            bookedHours: Hours('Hours booked'),
            availableHours: Hours('Hours available'),
            share: Share('bookedHours / availableHours'),
          }),
          { description: 'Each coach on the programme now or with its conversations in the period, by name' },
        ),
      },
      {
        description:
          'Booked hours against available hours. Available hours: the weekly hours as they are now, with date changes and time off, ' +
          "on each date of the period on the coach's clock. A coach on several programmes offers the same hours to each.",
      },
    ),
    bookingsPerWeek: Type.Array(
      Type.Object({
        weekStarting: Type.String({ format: 'date', description: 'The Monday (UK) the week starts on' }),
        made: Count('Bookings made that week (in the period), whatever became of them'),
        conversations: Count('Bookings whose conversation is that week (in the period), in any state'),
        held: Count('Of those, held'),
      }),
      { description: 'Every week of the period from its first Monday; the first and last may be part weeks' },
    ),
    wentOnTo: Type.Object(
      {
        basis: Type.Literal('outcome_follow_ups_and_actions_done', {
          description: 'What the candidate said at 3 or 12 months (outcomes), and for three kinds an action of that kind done; one count per held conversation',
        }),
        trainingStarted: Count('Held conversations whose candidate said they started training or a course, or with a "training or course" action done'),
        applicationMade: Count('Said they applied for a role, or with a "job application" action done'),
        qualificationGained: Count('Said they gained a qualification, or with a "qualification" action done'),
        newRole: Count('Said they started a new role or more hours'),
        movedUp: Count('Said they moved up (promotion or more responsibility)'),
      },
      { description: 'What candidates went on to' },
    ),
    feedback: FeedbackReport,
    outcomes: OutcomesReport,
    waitlist: WaitlistReport,
  },
  { description: 'The programme figures for conversations in a period' },
)
