export {
  DEFAULT_TIME_ZONE,
  formatDate,
  formatDateTimeRange,
  formatDayShort,
  formatTime,
  formatTimeRange,
  isValidTimeZone,
  timeZoneLabel,
  toZonedDateTime,
} from './format.js'
export { formatDuration } from './duration.js'
