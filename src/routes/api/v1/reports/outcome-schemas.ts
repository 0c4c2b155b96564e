/**
 * The report's `feedback` and `outcomes` sections, as JSON
 * shapes; what each counts: src/domain/outcomes/report-figures.ts.
 */
import { Type } from 'typebox'
import { CONFIDENCE, HELPED, NEXT_STEP, OUTCOME_TYPES, USEFULNESS } from '../../../../domain/outcomes/questions.js'
import { COACH_MINIMUM_ANSWERS } from '../../../../domain/outcomes/report-figures.js'

const Count = (description: string) => Type.Integer({ minimum: 0, description })
const Share = (description: string) =>
  Type.Union([Type.Number(), Type.Null()], { description: `${description} (0 to 1, three decimal places); null when there is nothing to divide by` })
const Counts = (keys: readonly string[], description: string) =>
  Type.Object(Object.fromEntries(keys.map((key) => [key, Type.Integer({ minimum: 0 })])), { description })
const Coach = Type.Object({ id: Type.String({ format: 'uuid' }), name: Type.String() })
const notShown = Count(`Coaches with answers, but fewer than ${COACH_MINIMUM_ANSWERS}: not shown, so no answer can be traced to one candidate`)

const feedbackAnswers = {
  answered: Count('Candidates who answered'),
  usefulness: Counts(USEFULNESS, 'How useful the conversation was'),
  knowsNextStep: Counts(NEXT_STEP, 'Whether they know their next step (partly: "I have some idea")'),
  confidenceAfter: Counts(CONFIDENCE, 'How confident they feel about their next steps (the notes\' scale)'),
}

export const FeedbackReport = Type.Object(
  {
    basis: Type.Literal('held_conversations_in_period', { description: 'The conversations of the period that were held' }),
    held: Count('Held conversations: each candidate was asked'),
    ...feedbackAnswers,
    declined: Count('Candidates who chose not to answer'),
    responseRate: Share('answered / held'),
    withComment: Count('Answers with a comment (comments are not part of the report)'),
    confidence: Type.Object(
      {
        before: Counts(CONFIDENCE, 'As the coach recorded it in the notes (four-stage model)'),
        beforeRecorded: Count('Held conversations whose notes record it'),
        after: Counts(CONFIDENCE, 'As the candidate answered, a day later'),
        compared: Count('Conversations with both'),
        higher: Count('Of those, more confident after'),
        same: Count('Of those, the same'),
        lower: Count('Of those, less confident after'),
      },
      { description: 'Confidence before (the notes) and after (the feedback), on the same scale' },
    ),
    coaches: Type.Array(Type.Object({ coach: Coach, ...feedbackAnswers }), {
      description: `Each coach with at least ${COACH_MINIMUM_ANSWERS} answers: aggregates only, never a comment`,
    }),
    coachesNotShown: notShown,
  },
  { description: 'Feedback a day after the conversation' },
)

const followUpAnswers = {
  answered: Count('Candidates who said what they have done since'),
  doneSince: Counts(OUTCOME_TYPES, 'What they have done since (several may apply to one answer)'),
  helped: Counts(HELPED, 'Whether the conversation helped'),
}

const FollowUp = (months: number) =>
  Type.Object(
    {
      due: Count(`Held conversations of the period at least ${months} months old (UK calendar): each candidate was asked`),
      ...followUpAnswers,
      stopped: Count('Candidates who said "do not ask again"'),
      responseRate: Share('answered / due'),
      coaches: Type.Array(Type.Object({ coach: Coach, ...followUpAnswers }), { description: `Each coach with at least ${COACH_MINIMUM_ANSWERS} answers` }),
      coachesNotShown: notShown,
    },
    { description: `${months} months after the conversation` },
  )

export const OutcomesReport = Type.Object(
  {
    basis: Type.Literal('held_conversations_old_enough', { description: 'The held conversations of the period old enough to have been asked' }),
    months3: FollowUp(3),
    months12: FollowUp(12),
  },
  { description: 'What candidates have done since, asked 3 and 12 months after the conversation' },
)
