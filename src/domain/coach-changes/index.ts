/** Changes that take a coach away from booked conversations: planned, then confirmed in one transaction. */
export type {
  AffectedConversation,
  CoachChange,
  CoachChangeBy,
  CoachChangeCommand,
  CoachChangeDeps,
  CoachChangeKind,
  CoachChangeResult,
} from './coach-change-service.js'
export { changeCoach, clashingConversationIds, countClashingConversations, COACH_CHANGE_AUDIT_ACTION, COACH_CHANGE_MESSAGES, COACH_CHANGE_REQUESTED_ACTION } from './coach-change-service.js'
