/**
 * The candidate's booking journey, without HTTP: its steps and their order,
 * checking each page's answers into NHS error messages, the days and times
 * to choose from, time zones, and the sealed cookie that keeps the answers.
 */
export {
  newJourney,
  readJourney,
  firstUnansweredStep,
  redirectBefore,
  nextStep,
  isReadyToBook,
  withDay,
  retentionPeriodText,
  type JourneyStep,
  JOURNEY_MINUTES,
  type JourneyState,
} from './state.js'
export {
  checkDayAnswer,
  checkTimeAnswer,
  checkDetailsAnswer,
  checkContactAnswer,
  checkInformationAnswer,
  checkTimeZoneAnswer,
  checkCancelReason,
  fieldError,
  type FieldError,
  JOURNEY_MESSAGES,
} from './answers.js'
export {
  searchRanges,
  availableDays,
  weekOfDays,
  timesOnDay,
  dateInZone,
  type AvailableDay,
  type TimeChoice,
} from './calendar.js'
export { canonicalTimeZone, isCommonTimeZone, COMMON_TIME_ZONES } from './time-zones.js'
export { SealedStateTooLargeError, SealedBox } from './sealed-state.js'
export * from './change-state.js'
