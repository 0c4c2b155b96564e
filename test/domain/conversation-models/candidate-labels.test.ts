import { describe, expect, it } from 'vitest'
import { getConversationModel, listConversationModels, listConversationModelVersions } from '../../../src/domain/conversation-models/registry.js'

/**
 * The candidate's summary speaks to them: every shared field of
 * every model, every version, has its own candidate-facing label, in the
 * second person, without a question mark (the plain text adds a colon).
 */
describe('candidate-facing labels', () => {
  const sharedFields = listConversationModels().flatMap(({ key }) =>
    listConversationModelVersions(key).flatMap((version) =>
      getConversationModel(key, version)!.stages.flatMap((stage) =>
        stage.fields.filter((field) => field.visibility === 'shared').map((field) => ({ model: `${key} v${version}`, field })),
      ),
    ),
  )

  it('covers the shared fields of both models', () => {
    expect(new Set(sharedFields.map(({ model }) => model.split(' ')[0]))).toEqual(new Set(['four-stage', 'scan']))
  })

  it.each(sharedFields.map(({ model, field }) => [`${model} ${field.key}`, field] as const))('%s', (_name, field) => {
    expect(field.candidateLabel, `${field.key}: a candidateLabel`).toBeTruthy()
    expect(field.candidateLabel).not.toMatch(/\b(they|them|their|themselves)\b/i)
    expect(field.candidateLabel).not.toMatch(/\?$/)
  })

  it('reads "Training you would need" where the coach reads "Training they would need"', () => {
    const field = getConversationModel('four-stage')!.stages.flatMap((stage) => stage.fields).find((candidate) => candidate.key === 'trainingNeeded')!
    expect([field.label, field.candidateLabel]).toEqual(['Training they would need', 'Training you would need'])
  })
})
