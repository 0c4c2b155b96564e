/**
 * The report's feedback and outcomes as CSV rows (see
 * ./report-csv.ts): one figure a row, in the order of the JSON answer; a
 * coach's figures carry the coach's name in Group, the answer's value after
 * a dot in Figure ("usefulness.very_useful").
 */
import type { FeedbackAnswerCounts, FollowUpAnswerCounts, FollowUpFigures } from '../outcomes/report-figures.js'
import type { ProgrammeReport } from './programme-report.js'

type Row = [section: string, figure: string, group: string, value: string | number | null, unit: string]

const tallyRows = (section: string, figure: string, group: string, tally: Record<string, number>, unit: string): Row[] =>
  Object.entries(tally).map(([key, value]): Row => [section, `${figure}.${key}`, group, value, unit])

function feedbackAnswerRows(group: string, f: FeedbackAnswerCounts): Row[] {
  return [
    ['feedback', 'answered', group, f.answered, 'candidates'],
    ...tallyRows('feedback', 'usefulness', group, f.usefulness, 'candidates'),
    ...tallyRows('feedback', 'knowsNextStep', group, f.knowsNextStep, 'candidates'),
    ...tallyRows('feedback', 'confidenceAfter', group, f.confidenceAfter, 'candidates'),
  ]
}

function followUpAnswerRows(section: string, group: string, f: FollowUpAnswerCounts): Row[] {
  return [
    [section, 'answered', group, f.answered, 'candidates'],
    ...tallyRows(section, 'doneSince', group, f.doneSince, 'candidates'),
    ...tallyRows(section, 'helped', group, f.helped, 'candidates'),
  ]
}

function followUpRows(section: string, f: FollowUpFigures): Row[] {
  return [
    [section, 'due', '', f.due, 'conversations'],
    ...followUpAnswerRows(section, '', f),
    [section, 'stopped', '', f.stopped, 'candidates'],
    [section, 'responseRate', '', f.responseRate, 'share'],
    ...f.coaches.flatMap((c) => followUpAnswerRows(section, c.coach.name, c)),
    [section, 'coachesNotShown', '', f.coachesNotShown, 'coaches'],
  ]
}

export function outcomeRows(r: ProgrammeReport): Row[] {
  const f = r.feedback
  const c = f.confidence
  return [
    ['feedback', 'held', '', f.held, 'conversations'],
    ...feedbackAnswerRows('', f),
    ['feedback', 'declined', '', f.declined, 'candidates'],
    ['feedback', 'responseRate', '', f.responseRate, 'share'],
    ['feedback', 'withComment', '', f.withComment, 'candidates'],
    ...tallyRows('feedback', 'confidence.before', '', c.before, 'conversations'),
    ['feedback', 'confidence.beforeRecorded', '', c.beforeRecorded, 'conversations'],
    ...tallyRows('feedback', 'confidence.after', '', c.after, 'candidates'),
    ['feedback', 'confidence.compared', '', c.compared, 'conversations'],
    ['feedback', 'confidence.higher', '', c.higher, 'conversations'],
    ['feedback', 'confidence.same', '', c.same, 'conversations'],
    ['feedback', 'confidence.lower', '', c.lower, 'conversations'],
    ...f.coaches.flatMap((coach) => feedbackAnswerRows(coach.coach.name, coach)),
    ['feedback', 'coachesNotShown', '', f.coachesNotShown, 'coaches'],
    ...followUpRows('outcomes.months3', r.outcomes.months3),
    ...followUpRows('outcomes.months12', r.outcomes.months12),
  ]
}
