import { fourStageV1, fourStageV2 } from './four-stage.js'
import { scanV1, scanV2 } from './scan.js'
import type { ConversationModel, ConversationModelSummary } from './types.js'

export const DEFAULT_CONVERSATION_MODEL_KEY = 'four-stage'

/**
 * Every published version of every model. Append a new version; never edit
 * or remove an old one (notes written against it must still read correctly).
 */
const publishedModels: readonly ConversationModel[] = [fourStageV1, fourStageV2, scanV1, scanV2]

/** The latest version of each model, the default first. */
export function listConversationModels(): ConversationModelSummary[] {
  const keys = [...new Set(publishedModels.map((model) => model.key))]
  keys.sort((a, b) => Number(b === DEFAULT_CONVERSATION_MODEL_KEY) - Number(a === DEFAULT_CONVERSATION_MODEL_KEY))
  return keys.flatMap((key) => {
    const model = getConversationModel(key)
    return model ? [{ key: model.key, version: model.version, name: model.name }] : []
  })
}

/** Published version numbers of one model, oldest first ([] for an unknown key). */
export function listConversationModelVersions(key: string): number[] {
  return publishedModels
    .filter((model) => model.key === key)
    .map((model) => model.version)
    .sort((a, b) => a - b)
}

/** A model by key: the latest version, or the version asked for. Undefined when there is no such model or version. */
export function getConversationModel(key: string, version?: number): ConversationModel | undefined {
  const versions = publishedModels.filter((model) => model.key === key)
  if (version !== undefined) return versions.find((model) => model.version === version)
  return versions.reduce<ConversationModel | undefined>(
    (latest, model) => (latest === undefined || model.version > latest.version ? model : latest),
    undefined,
  )
}

/** The latest version of a programme's model; the default model when the key is unknown. */
export function programmeModel(key: string): ConversationModel {
  return getConversationModel(key) ?? getConversationModel(DEFAULT_CONVERSATION_MODEL_KEY)!
}

/**
 * The version of a model whose preparation form a set of answers was written
 * on. Preparation keys are never given to another question (types.ts), so the
 * answers' keys say which form they belong to: the latest version of the
 * model whose form holds them all (the latest for no answers). Should no
 * version of the model hold them all (the programme's model changed since),
 * the published form that holds the most of them, this model's first.
 */
export function preparationModelFor(key: string, answerKeys: Iterable<string>): ConversationModel {
  const keys = [...answerKeys]
  if (!publishedModels.some((model) => model.key === key)) key = DEFAULT_CONVERSATION_MODEL_KEY
  const latestFirst = (models: readonly ConversationModel[]) => [...models].sort((a, b) => b.version - a.version)
  const candidates = [
    ...latestFirst(publishedModels.filter((model) => model.key === key)),
    ...latestFirst(publishedModels.filter((model) => model.key !== key)),
  ]
  let best = programmeModel(key)
  let bestHeld = -1
  for (const model of candidates) {
    const form = new Set(model.stages.flatMap((stage) => stage.preparation.questions.map((question) => question.key)))
    for (const question of model.reflectionQuestions) form.add(question.key)
    const held = keys.filter((answerKey) => form.has(answerKey)).length
    if (held === keys.length) return model
    if (held > bestHeld) [best, bestHeld] = [model, held]
  }
  return best
}
