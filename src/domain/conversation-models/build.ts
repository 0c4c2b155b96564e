import type { ConversationModel, Stage } from './types.js'

export type StageDefinition = Omit<Stage, 'candidatePrompts'>
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

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child)
    Object.freeze(value)
  }
  return value
}
