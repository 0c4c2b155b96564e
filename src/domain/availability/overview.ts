/** What the availability overview page shows, worded in NHS style on the coach's clock. */
import { timeZoneLabel } from '../time/index.js'
import { describeDateOverride } from './date-overrides.js'
import { formatLocalDate } from './local-dates.js'
import { describeBuffer, describeDailyMaximum, describeTimeZone } from './settings.js'
import { describeTimeOff } from './time-off.js'
import type { CoachAvailability } from './types.js'
import { WEEKDAYS, describeDayHours, windowFieldId } from './weekly-hours.js'

interface AvailabilityOverview {
  /** "UK time" */
  timeZoneLabel: string
  /** "UK time (Europe/London)" */
  timeZone: string
  buffer: string
  dailyMaximum: string
  weeklyHours: { name: string; key: string; hours: string; anchor: string }[]
  hasWeeklyHours: boolean
  dateOverrides: { id: string; date: string; change: string }[]
  timeOff: { id: string; from: string; to: string; note: string | null }[]
}

const kindRank = (kind: string) => (kind === 'day_off' ? 0 : 1)

export function availabilityOverview(availability: CoachAvailability): AvailabilityOverview {
  const zone = availability.timeZone
  return {
    timeZoneLabel: timeZoneLabel(zone),
    timeZone: describeTimeZone(zone),
    buffer: describeBuffer(availability.bufferMinutes),
    dailyMaximum: describeDailyMaximum(availability.dailyMaximum),
    weeklyHours: WEEKDAYS.map((day) => ({
      name: day.name,
      key: day.key,
      hours: describeDayHours(availability.weeklyHours, day.weekday) ?? 'No hours',
      anchor: windowFieldId(day, 1, 'start'),
    })),
    hasWeeklyHours: availability.weeklyHours.length > 0,
    dateOverrides: [...availability.dateOverrides]
      .sort((a, b) => a.date.localeCompare(b.date) || kindRank(a.kind) - kindRank(b.kind) || (a.startMinute ?? 0) - (b.startMinute ?? 0))
      .map((override) => ({ id: override.id, date: formatLocalDate(override.date), change: describeDateOverride(override) })),
    timeOff: [...availability.timeOff]
      .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
      .map((entry) => ({ id: entry.id, ...describeTimeOff(entry, zone), note: entry.note })),
  }
}
