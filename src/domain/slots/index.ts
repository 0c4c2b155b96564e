/** Slot building for booking: pure, no database, the current instant always given. */
export type {
  CoachSchedule,
  DateOverride,
  LocalTimeWindow,
  ProgrammeSlot,
  Slot,
  SlotCheck,
  SlotUnavailableReason,
  TimeRange,
  WeeklyWindow,
  Weekday,
} from './types.js'
export type { SlotRules, SlotRuleSettings } from './slot-rules.js'
export {
  DEFAULT_DURATION_MINUTES,
  DEFAULT_HORIZON_DAYS,
  DEFAULT_MINIMUM_NOTICE_MINUTES,
  DEFAULT_SLOT_RULES,
  MAXIMUM_HORIZON_DAYS,
  resolveSlotRules,
} from './slot-rules.js'
export type { SlotQuery, SlotQueryField, SlotQueryInput, SlotQueryProblem, SlotQueryResult } from './date-range.js'
export {
  MAXIMUM_QUERY_DAYS,
  SLOT_QUERY_MESSAGES,
  parseSlotQuery,
  requireSlotQuery,
  slotQueryInterval,
} from './date-range.js'
export type { SlotContext, SlotListingContext } from './build-slots.js'
export { buildProgrammeSlots, buildSlotsForCoach, checkSlot, freeCoachIds, freeStartsWithin, isSlotFree } from './build-slots.js'
export type { AvailabilityChange, AvailabilitySource, IndexedProgramme } from './availability-index.js'
export { AvailabilityIndex, parseAvailabilityChange } from './availability-index.js'
export type { MinuteWindow } from './weekly-availability.js'
export { parseLocalTimeWindow } from './weekly-availability.js'
export { parseLocalTime } from './zone-time.js'
