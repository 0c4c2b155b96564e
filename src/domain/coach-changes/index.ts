/** Changes that take a coach away from booked conversations: planned, then confirmed in one transaction. */
export type { CoachChange, CoachChangeResult } from './coach-change-service.js'
export {
  changeCoach,
  clashingConversationIds,
  countClashingConversations,
  COACH_CHANGE_REQUESTED_ACTION,
} from './coach-change-service.js'
