/**
 * The report page's part for what candidates said after their conversations:
 * feedback, confidence before and after, and the outcome
 * follow-ups at 3 and 12 months, each with a chart (./charts.ts) above its
 * table. Per coach only those with enough answers (the domain has filtered).
 */
import type { ProgrammeReport } from '../../../../domain/reports/index.js'
import {
  CONFIDENCE,
  HELPED,
  NEXT_STEP,
  OUTCOME_TYPES,
  USEFULNESS,
  COACH_MINIMUM_ANSWERS,
  confidenceLabels,
  helpedLabels,
  nextStepLabels,
  outcomeTypeLabels,
  usefulnessLabels,
  type FollowUpFigures,
} from '../../../../domain/outcomes/index.js'
import { barChart } from './charts.js'

const percent = (share: number | null) => (share === null ? 'None asked yet' : `${Math.round(share * 1000) / 10}%`)
const of = (count: number, whole: number) => (whole === 0 ? String(count) : `${count} (${Math.round((count / whole) * 1000) / 10}%)`)

function rows<K extends string>(keys: readonly K[], labels: Readonly<Record<K, string>>, tally: Record<K, number>, whole: number) {
  return keys.map((key) => ({ label: labels[key], count: tally[key], text: of(tally[key], whole) }))
}

/**
 * The outcome types in few words, for the chart, where a label and its figure
 * share one line of a 320 px screen; the table beneath gives them in full.
 */
const chartLabels: Readonly<Record<(typeof OUTCOME_TYPES)[number], string>> = {
  started_training: 'Training or a course',
  gained_qualification: 'A qualification',
  applied_for_role: 'Applied for a role',
  new_role_or_more_hours: 'New role or hours',
  moved_up: 'Moved up',
  nothing_yet: 'Nothing yet',
}

function followUp(months: 3 | 12, f: FollowUpFigures) {
  const since = months === 12 ? '12 months' : '3 months'
  return {
    months,
    summary: [
      { key: `Conversations at least ${since} old (asked)`, value: f.due },
      { key: 'Answered', value: f.answered },
      { key: 'Response rate', value: percent(f.responseRate) },
      { key: 'Said "do not ask again"', value: f.stopped },
    ],
    doneSince: rows(OUTCOME_TYPES, outcomeTypeLabels, f.doneSince, f.answered),
    helped: rows(HELPED, helpedLabels, f.helped, f.answered),
    coaches: f.coaches.map((c) => ({ name: c.coach.name, answered: c.answered, items: OUTCOME_TYPES.map((t) => c.doneSince[t]) })),
    coachesNotShown: f.coachesNotShown,
    chart: barChart({
      id: `outcomes-${months}-chart`,
      title: `What candidates had done ${since} on`,
      summary: `Of the ${f.answered} who answered, what they had done since the conversation (several may apply).`,
      bars: OUTCOME_TYPES.map((t) => ({ label: chartLabels[t], value: f.doneSince[t], valueText: of(f.doneSince[t], f.answered) })),
    }),
  }
}

export function outcomeFigures(report: ProgrammeReport) {
  const f = report.feedback
  const c = f.confidence
  const confidenceRows = CONFIDENCE.map((key) => ({ label: confidenceLabels[key], before: of(c.before[key], c.beforeRecorded), after: of(c.after[key], f.answered) }))
  return {
    minimum: COACH_MINIMUM_ANSWERS,
    commentsHref: `/admin/reports/comments?${new URLSearchParams({ programme: report.programme.slug, from: report.from, to: report.to }).toString()}`,
    feedback: {
      summary: [
        { key: 'Conversations held (asked)', value: f.held },
        { key: 'Answered', value: f.answered },
        { key: 'Response rate', value: percent(f.responseRate) },
        { key: 'Chose not to answer', value: f.declined },
        { key: 'Left a comment', value: f.withComment },
      ],
      usefulness: rows(USEFULNESS, usefulnessLabels, f.usefulness, f.answered),
      nextStep: rows(NEXT_STEP, nextStepLabels, f.knowsNextStep, f.answered),
      confidence: confidenceRows,
      compared: [
        { key: 'Conversations with both', value: c.compared },
        { key: 'More confident after', value: c.higher },
        { key: 'The same', value: c.same },
        { key: 'Less confident after', value: c.lower },
      ],
      coaches: f.coaches.map((coach) => ({
        name: coach.coach.name,
        answered: coach.answered,
        useful: coach.usefulness.very_useful + coach.usefulness.quite_useful,
        knowsNextStep: coach.knowsNextStep.yes,
        confident: coach.confidenceAfter.confident + coach.confidenceAfter.fairlyConfident,
      })),
      coachesNotShown: f.coachesNotShown,
      chart: barChart({
        id: 'usefulness-chart',
        title: 'How useful candidates found the conversation',
        summary: `Of the ${f.answered} who answered the day after.`,
        bars: USEFULNESS.map((u) => ({ label: usefulnessLabels[u], value: f.usefulness[u], valueText: of(f.usefulness[u], f.answered) })),
      }),
      confidenceChart: barChart({
        id: 'confidence-chart',
        title: 'Confidence before and after',
        summary: 'Before: as the coach recorded it in the notes. After: as the candidate answered a day later.',
        bars: CONFIDENCE.flatMap((key) => [
          { label: `${confidenceLabels[key]}, before`, value: c.before[key], valueText: of(c.before[key], c.beforeRecorded) },
          { label: `${confidenceLabels[key]}, after`, value: c.after[key], valueText: of(c.after[key], f.answered) },
        ]),
      }),
    },
    followUps: [followUp(3, report.outcomes.months3), followUp(12, report.outcomes.months12)],
    outcomeLabels: OUTCOME_TYPES.map((t) => outcomeTypeLabels[t]),
  }
}
