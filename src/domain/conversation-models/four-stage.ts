import {
  explorePossibilities,
  knowYourself,
  makingChoices,
  makingItHappen,
  reflectionQuestions,
} from '../preparation/content.js'
import { shortFormAreas } from '../preparation/short-form.js'
import { defineModel, withPreparation, type ModelDefinition } from './build.js'

const privateNotesHint = 'Only coaches can see these. They are never sent to the candidate.'

/**
 * How confident the candidate feels about taking their next steps: the coach
 * records it in the notes, and the candidate answers the same scale in their
 * feedback a day later (src/domain/outcomes), so before and after compare.
 */
export const CONFIDENCE_OPTIONS = [
  { value: 'confident', label: 'Confident' },
  { value: 'fairlyConfident', label: 'Fairly confident' },
  { value: 'notConfident', label: 'Not confident yet' },
] as const

/**
 * The default model. Version 1 field keys, by stage:
 *   whoAmI:              purpose*, experience, strengths, motivations, whoAmIPrivateNotes
 *   options:             optionsDiscussed, trainingNeeded, supportAvailable, optionsPrivateNotes
 *   personalDevelopment: developmentNeeds, employability, developmentPrivateNotes
 *   takingAction:        strategies, actions, confidence, takingActionPrivateNotes
 * (* required to complete the notes). Version 2 keeps them and asks the short
 * preparation form.
 */
const fourStageDefinition: ModelDefinition = {
  key: 'four-stage',
  version: 1,
  name: 'Four-stage career conversation',
  description:
    'A 45-minute conversation in four stages: who the candidate is, what their options are, ' +
    'how they could develop, and the actions they will take.',
  stages: [
    {
      key: 'whoAmI',
      title: 'Who am I?',
      summary: 'Their experience so far, their skills and strengths, and what they hope for and care about.',
      preparation: knowYourself,
      coachGuidance: [
        'Start by agreeing the purpose of the conversation together, and write it down.',
        'Remind them the conversation is voluntary and confidential within limits, and who will see the notes.',
        'Ask open questions (what, how, tell me about) and listen more than you talk.',
        'Cover all their experience, including work outside health and care, caring and volunteering.',
        'Help them name their strengths and skills, especially the ones they take for granted.',
        'Find out what motivates them and what they would like their working life to look like.',
      ],
      fields: [
        {
          kind: 'text',
          key: 'purpose',
          label: 'Purpose of the conversation',
          candidateLabel: 'Purpose of the conversation',
          hint: 'What you agreed to focus on today.',
          visibility: 'shared',
          requiredToComplete: true,
        },
        {
          kind: 'text',
          key: 'experience',
          label: 'Experience',
          candidateLabel: 'Your experience',
          hint: 'Paid and unpaid work, training and life experience they can draw on.',
          visibility: 'shared',
        },
        {
          kind: 'list',
          key: 'strengths',
          label: 'Skills and strengths',
          candidateLabel: 'Your skills and strengths',
          hint: 'Include transferable skills such as communication and teamwork.',
          itemLabel: 'Skill or strength',
          visibility: 'shared',
        },
        {
          kind: 'text',
          key: 'motivations',
          label: 'Aspirations and what motivates them',
          candidateLabel: 'Your aspirations and what motivates you',
          visibility: 'shared',
        },
        {
          kind: 'text',
          key: 'whoAmIPrivateNotes',
          label: 'Private notes',
          hint: privateNotesHint,
          visibility: 'private',
        },
      ],
    },
    {
      key: 'options',
      title: 'What are my options?',
      summary: 'Roles that could suit them, the training they would need and the support on offer.',
      preparation: explorePossibilities,
      coachGuidance: [
        'Start from any roles they looked at before the call and what they found out.',
        'Explore which roles would suit them, based on what you heard in the first stage.',
        'Separate what is possible now from what is possible later.',
        'Keep the options realistic. A stretch can be a good goal, as long as you both name it as one.',
        'Talk about the training each role needs and the support the organisation could offer.',
        'Help them weigh the options rather than choosing for them.',
      ],
      fields: [
        {
          kind: 'options',
          key: 'optionsDiscussed',
          label: 'Options discussed',
          candidateLabel: 'Options you discussed',
          hint: 'For each role: is it possible now or later, and is it realistic or a stretch?',
          visibility: 'shared',
        },
        {
          kind: 'text',
          key: 'trainingNeeded',
          label: 'Training they would need',
          candidateLabel: 'Training you would need',
          visibility: 'shared',
        },
        {
          kind: 'text',
          key: 'supportAvailable',
          label: 'Support the organisation could offer',
          candidateLabel: 'Support the organisation could offer you',
          visibility: 'shared',
        },
        {
          kind: 'text',
          key: 'optionsPrivateNotes',
          label: 'Private notes',
          hint: privateNotesHint,
          visibility: 'private',
        },
      ],
    },
    {
      key: 'personalDevelopment',
      title: 'Personal development',
      summary: 'How they get from here to there, and what would make them more employable.',
      preparation: makingChoices,
      coachGuidance: [
        'Work out together how they get from where they are now to where they want to be.',
        'Help them name their development needs in their own words.',
        'Agree the one need to focus on first. Small, early progress matters more than a long list.',
        'Talk about what would make them more employable: experience, qualifications, references, confidence at interview.',
      ],
      fields: [
        {
          kind: 'developmentNeeds',
          key: 'developmentNeeds',
          label: 'Development needs',
          candidateLabel: 'Your development needs',
          hint: 'Mark the one they will focus on first.',
          visibility: 'shared',
        },
        {
          kind: 'text',
          key: 'employability',
          label: 'What would make them more employable',
          candidateLabel: 'What would make you more employable',
          visibility: 'shared',
        },
        {
          kind: 'text',
          key: 'developmentPrivateNotes',
          label: 'Private notes',
          hint: privateNotesHint,
          visibility: 'private',
        },
      ],
    },
    {
      key: 'takingAction',
      title: 'Taking action',
      summary: 'The approach and next steps you agree together, each one recorded as an action.',
      preparation: makingItHappen,
      coachGuidance: [
        'Agree an approach and the immediate next steps together.',
        'Record every agreed step as an action, with who will do it and by when.',
        'Point them to suitable training and resources from the resource library.',
        'Check they know what happens next: a summary by email, and a check-in some weeks later.',
      ],
      fields: [
        {
          kind: 'text',
          key: 'strategies',
          label: 'Approach agreed',
          candidateLabel: 'The approach you agreed',
          hint: 'How they plan to go about it, in a sentence or two.',
          visibility: 'shared',
        },
        {
          kind: 'actions',
          key: 'actions',
          label: 'Agreed actions',
          candidateLabel: 'Your agreed actions',
          hint: 'Each next step: what, who will do it and by when.',
          visibility: 'shared',
        },
        {
          kind: 'choice',
          key: 'confidence',
          label: 'How confident do they feel about taking these steps?',
          candidateLabel: 'How confident you feel about taking these steps',
          options: CONFIDENCE_OPTIONS,
          visibility: 'shared',
        },
        {
          kind: 'text',
          key: 'takingActionPrivateNotes',
          label: 'Private notes',
          hint: privateNotesHint,
          visibility: 'private',
        },
      ],
    },
  ],
  reflectionQuestions,
}

export const fourStageV1 = defineModel(fourStageDefinition)

/** Version 2: the same stages and fields; candidates get the short preparation form. */
export const fourStageV2 = defineModel(withPreparation(fourStageDefinition, 2, { areas: shortFormAreas, reflectionQuestions: [] }))
