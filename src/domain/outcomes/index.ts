export {
  loadQuestions,
  answerFeedback,
  declineFeedback,
  answerFollowUp,
  stopFollowUps,
  questionsView,
  ConversationNotHeldError,
  FollowUpNotOpenError,
} from './answers-service.js'
export {
  USEFULNESS,
  usefulnessLabels,
  NEXT_STEP,
  nextStepLabels,
  CONFIDENCE,
  confidenceLabels,
  OUTCOME_TYPES,
  outcomeTypeLabels,
  HELPED,
  helpedLabels,
  type FollowUpMonths,
  COMMENT_MAX_LENGTH,
} from './questions.js'
export { scheduleQuestionsAfterConversation } from './schedule.js'
export { COACH_MINIMUM_ANSWERS, type FollowUpFigures } from './report-figures.js'
export { coachOwnFeedbackView } from './coach-feedback.js'
