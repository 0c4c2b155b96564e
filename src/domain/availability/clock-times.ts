/**
 * Times of day as coaches type them, and back again in NHS style.
 *
 * We use one text box per time (not `type="time"`, whose look and keyboard
 * behaviour differ between browsers and locales, nor hour and minute boxes).
 * It accepts what people write: "9am", "9:30am", "9.30 pm", "17:00", "1730",
 * "midday", "noon", "midnight". A bare hour from 1 to 12 ("9") is refused as
 * ambiguous (9am or 9pm?); "13" to "23" and "0" are read as 24-hour times.
 *
 * As the end of a window, "midnight", "12am", "00:00" and "24:00" all mean
 * the end of the day (minute 1440); as a start they mean 0.
 *
 * Times are kept on a 5-minute grid (TIME_STEP_MINUTES).
 */
import { formatTime } from '../time/index.js'

const TIME_STEP_MINUTES = 5
export const MINUTES_PER_DAY = 24 * 60

type ClockTimeProblem = 'missing' | 'format' | 'ambiguous' | 'step'

type ClockTimeResult = { ok: true; minute: number } | { ok: false; problem: ClockTimeProblem }

const TWELVE_HOUR = /^(\d{1,2})(?:[:.](\d{2}))?(am|pm)$/
const TWENTY_FOUR_HOUR = /^(\d{1,2})[:.](\d{2})$/
const FOUR_DIGITS = /^(\d{2})(\d{2})$/
const BARE_HOUR = /^(\d{1,2})$/

/** A typed time → minutes after midnight (0 to 1440), or what is wrong with it. */
export function parseClockTime(text: string | undefined, { end = false }: { end?: boolean } = {}): ClockTimeResult {
  const raw = (text ?? '').trim()
  if (raw === '') return { ok: false, problem: 'missing' }
  if (raw.length > 20) return { ok: false, problem: 'format' }
  const compact = raw.toLowerCase().replace(/\s+/g, '').replace(/a\.m\.?$/, 'am').replace(/p\.m\.?$/, 'pm')

  let minute: number | null = null
  if (compact === 'midday' || compact === 'noon' || compact === '12noon') minute = 12 * 60
  else if (compact === 'midnight' || compact === '12midnight') minute = 0
  else {
    let match = TWELVE_HOUR.exec(compact)
    if (match) {
      const hour = Number(match[1])
      const minutes = match[2] === undefined ? 0 : Number(match[2])
      if (hour < 1 || hour > 12 || minutes > 59) return { ok: false, problem: 'format' }
      minute = ((hour % 12) + (match[3] === 'pm' ? 12 : 0)) * 60 + minutes
    } else if ((match = TWENTY_FOUR_HOUR.exec(compact) ?? FOUR_DIGITS.exec(compact))) {
      const hour = Number(match[1])
      const minutes = Number(match[2])
      if (hour === 24 && minutes === 0 && end) return { ok: true, minute: MINUTES_PER_DAY }
      if (hour > 23 || minutes > 59) return { ok: false, problem: 'format' }
      minute = hour * 60 + minutes
    } else if ((match = BARE_HOUR.exec(compact))) {
      const hour = Number(match[1])
      if (hour >= 1 && hour <= 12) return { ok: false, problem: 'ambiguous' }
      if (hour === 24 && end) return { ok: true, minute: MINUTES_PER_DAY }
      if (hour > 23) return { ok: false, problem: 'format' }
      minute = hour * 60
    } else {
      return { ok: false, problem: 'format' }
    }
  }
  if (minute % TIME_STEP_MINUTES !== 0) return { ok: false, problem: 'step' }
  if (end && minute === 0) minute = MINUTES_PER_DAY
  return { ok: true, minute }
}

/** Minutes after midnight → "9am", "5:30pm", "midday", "midnight" (0 and 1440). */
export function formatMinuteOfDay(minute: number): string {
  return formatTime(new Date(minute * 60_000), 'UTC')
}

/** "9am to 5pm" */
export function formatMinuteRange(startMinute: number, endMinute: number): string {
  return `${formatMinuteOfDay(startMinute)} to ${formatMinuteOfDay(endMinute)}`
}

/** How a time field is named in its messages: "start time" and, when needed, where it is (" for Monday, hours 1"). */
interface TimeFieldWords {
  name: string
  context?: string
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** The NHS-style message for a problem with a typed time. */
export function clockTimeMessage(problem: ClockTimeProblem, words: TimeFieldWords): string {
  const context = words.context ?? ''
  const subject = `${capitalise(words.name)}${context}`
  switch (problem) {
    case 'missing':
      return `Enter ${/^[aeiou]/i.test(words.name) ? 'an' : 'a'} ${words.name}${context}`
    case 'format':
      return `${subject} must be a time, like 9am or 5:30pm`
    case 'ambiguous':
      return `${subject} must say am or pm, like 9am or 9pm`
    case 'step':
      return `${subject} must be in steps of ${TIME_STEP_MINUTES} minutes, like 9am, 9:05am or 9:10am`
  }
}
