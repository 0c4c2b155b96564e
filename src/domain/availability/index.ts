/**
 * A coach's availability as they (or an admin) edit it: pure parsing and
 * checking of the availability forms, with NHS-style messages per field, and
 * the wording of the overview. No database, no HTTP; the current instant is
 * always given.
 */
export type {
  AvailabilityFieldError,
  CoachAvailability,
  CoachAvailabilitySettings,
  DateOverrideKind,
  DateOverrideRecord,
  FormInput,
  FormResult,
  NewDateOverride,
  NewTimeOff,
  TimeOffRecord,
  WeeklyHoursWindow,
} from './types.js'
export type { ClockTimeProblem, ClockTimeResult } from './clock-times.js'
export {
  MINUTES_PER_DAY,
  TIME_STEP_MINUTES,
  clockTimeMessage,
  formatMinuteOfDay,
  formatMinuteRange,
  parseClockTime,
} from './clock-times.js'
export type { WeekdayInfo, WeeklyHoursDayView, WeeklyHoursRowView } from './weekly-hours.js'
export {
  WEEKDAYS,
  WINDOWS_PER_DAY,
  describeDayHours,
  parseWeeklyHoursForm,
  weeklyHoursFormView,
  windowFieldId,
} from './weekly-hours.js'
export type { TimeZoneChoice } from './settings.js'
export {
  BUFFER_MINUTES,
  COACH_TIME_ZONES,
  DAILY_MAXIMUM,
  describeBuffer,
  describeDailyMaximum,
  describeTimeZone,
  parseSettingsForm,
  timeZoneChoices,
} from './settings.js'
export type { DateFieldWords, DayNumber } from './local-dates.js'
export { FURTHEST_DAYS_AHEAD, dateFieldIds, dateFieldValues, formatLocalDate, parseDateFields, todayIn } from './local-dates.js'
export type { DateOverrideContext } from './date-overrides.js'
export { DATE_OVERRIDE_KINDS, describeDateOverride, parseDateOverrideForm } from './date-overrides.js'
export type { TimeOffContext } from './time-off.js'
export {
  TIME_OFF_LONGEST_DAYS,
  TIME_OFF_NOTE_HINT,
  TIME_OFF_NOTE_MAXIMUM,
  describeTimeOff,
  parseTimeOffForm,
} from './time-off.js'
export type { AvailabilityOverview } from './overview.js'
export { availabilityOverview } from './overview.js'
