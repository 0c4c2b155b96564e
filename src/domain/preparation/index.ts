export type { PreparationArea, PreparationQuestion } from './content.js'
export {
  explorePossibilities,
  findPreparationQuestion,
  knowYourself,
  makingChoices,
  makingItHappen,
  preparationAreas,
  preparationFieldKeys,
  preparationIntro,
  preparationQuestions,
  reflectionIntro,
  reflectionQuestions,
} from './content.js'
export {
  shortExplorePossibilities,
  shortFormAreas,
  shortKnowYourself,
  shortMakingChoices,
  shortMakingItHappen,
} from './short-form.js'
export type {
  PreparationAnswerError,
  PreparationAnswers,
  PreparationValidationResult,
} from './validate.js'
export { MAX_PREPARATION_ANSWER_LENGTH, validatePreparationAnswers } from './validate.js'
