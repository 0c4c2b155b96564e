/**
 * A coach's availability as they (or an admin) edit it: pure parsing and
 * checking of the availability forms, with NHS-style messages per field, and
 * the wording of the overview. No database, no HTTP; the current instant is
 * always given.
 */
export type {
  AvailabilityFieldError,
  CoachAvailabilitySettings,
  DateOverrideRecord,
  FormInput,
  NewDateOverride,
  NewTimeOff,
  TimeOffRecord,
  WeeklyHoursWindow,
} from './types.js'
export { formatMinuteOfDay, parseClockTime } from './clock-times.js'
export { parseWeeklyHoursForm, weeklyHoursFormView } from './weekly-hours.js'
export { describeTimeZone, parseSettingsForm, timeZoneChoices } from './settings.js'
export { dateFieldIds, dateFieldValues, formatLocalDate, todayIn } from './local-dates.js'
export { DATE_OVERRIDE_KINDS, describeDateOverride, parseDateOverrideForm } from './date-overrides.js'
export { TIME_OFF_NOTE_HINT, describeTimeOff, parseTimeOffForm } from './time-off.js'
export { availabilityOverview } from './overview.js'
