export type { PreparationQuestion } from './content.js'
export {
  preparationAreas,
  preparationFieldKeys,
  preparationIntro,
  preparationQuestions,
  reflectionIntro,
  reflectionQuestions,
} from './content.js'
export { shortFormAreas } from './short-form.js'
export type { PreparationAnswers } from './validate.js'
export { MAX_PREPARATION_ANSWER_LENGTH, validatePreparationAnswers } from './validate.js'
