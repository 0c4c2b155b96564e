export type { ConversationModel, DevelopmentNeed, DiscussedOption, Field } from './types.js'
export { optionRealismLabels, optionTimingLabels } from './types.js'
export { healthDetailsWarning } from './health-details.js'
export {
  DEFAULT_CONVERSATION_MODEL_KEY,
  getConversationModel,
  listConversationModels,
  listConversationModelVersions,
  preparationModelFor,
  programmeModel,
} from './registry.js'
export type { NoteValue, NoteValues } from './notes.js'
export {
  allFields,
  findField,
  missingForCompletion,
  preparationFieldKeysFor,
  preparationFormFor,
  preparationQuestionList,
  sharedNoteValues,
  validateNoteValues,
} from './notes.js'
