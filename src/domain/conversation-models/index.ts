export type {
  ActionsField,
  ChoiceField,
  ChoiceOption,
  ConversationModel,
  ConversationModelSummary,
  DevelopmentNeed,
  DevelopmentNeedsField,
  DiscussedOption,
  Field,
  FieldKind,
  FieldVisibility,
  ListField,
  OptionRealism,
  OptionTiming,
  OptionsField,
  PreparationArea,
  PreparationQuestion,
  Stage,
  TextField,
} from './types.js'
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
export type { FieldInStage, NoteValidationResult, NoteValue, NoteValueError, NoteValues, PreparationForm } from './notes.js'
export {
  MAX_NOTE_ITEMS,
  MAX_NOTE_ITEM_LENGTH,
  MAX_NOTE_TEXT_LENGTH,
  allFields,
  findField,
  missingForCompletion,
  preparationFieldKeysFor,
  preparationFormFor,
  preparationQuestionList,
  sharedNoteValues,
  validateNoteValues,
} from './notes.js'
