import type { ConversationModel, PreparationArea, PreparationQuestion, Stage } from './types.js'

type StageDefinition = Omit<Stage, 'candidatePrompts'>
export type ModelDefinition = Omit<ConversationModel, 'stages'> & { readonly stages: readonly StageDefinition[] }

/** Builds a model from its definition: derives candidatePrompts, freezes everything. */
export function defineModel(definition: ModelDefinition): ConversationModel {
  const model: ConversationModel = {
    ...definition,
    stages: definition.stages.map((stage) => ({
      ...stage,
      candidatePrompts: stage.preparation.questions.map((question) => question.label),
    })),
  }
  return deepFreeze(structuredClone(model))
}

/**
 * The next version of a model that asks another preparation form: the same
 * stages, guidance and fields, each stage given the form's area in turn (the
 * four stages line up with the four preparation areas).
 */
export function withPreparation(
  definition: ModelDefinition,
  version: number,
  form: { readonly areas: readonly PreparationArea[]; readonly reflectionQuestions: readonly PreparationQuestion[] },
): ModelDefinition {
  if (form.areas.length !== definition.stages.length) {
    throw new Error(`${definition.key} has ${definition.stages.length} stages, the preparation form ${form.areas.length} areas`)
  }
  return {
    ...definition,
    version,
    stages: definition.stages.map((stage, index) => ({ ...stage, preparation: form.areas[index]! })),
    reflectionQuestions: form.reflectionQuestions,
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child)
    Object.freeze(value)
  }
  return value
}
