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
 * SCAN career planning, for clinicians shaping a portfolio career. Its four
 * stages line up with the four preparation areas, so candidates get the same
 * preparation form whichever model their programme uses.
 *
 * Version 1 field keys, by stage:
 *   selfAwareness:      purpose*, currentPortfolio, strengths, whatMatters, selfAwarenessPrivateNotes
 *   careerExploration:  optionsDiscussed, informationNeeded, explorationPrivateNotes
 *   arrivingAtDecision: decisionReached, decision, developmentNeeds, decisionPrivateNotes
 *   nextSteps:          actions, supportNeeded, nextStepsPrivateNotes
 * (* required to complete the notes). Version 2 keeps them and asks the short
 * preparation form.
 */
const scanDefinition: ModelDefinition = {
  key: 'scan',
  version: 1,
  name: 'SCAN career planning',
  description:
    'Self-awareness, Career exploration, Arriving at a decision, Next steps: ' +
    'for clinicians planning a portfolio career that combines more than one role.',
  stages: [
    {
      key: 'selfAwareness',
      title: 'Self-awareness',
      summary: 'Where they are now: their roles, strengths and values, and what they want from their career.',
      preparation: knowYourself,
      coachGuidance: [
        'Agree the purpose of the conversation first, and write it down.',
        'Remind them the conversation is voluntary and confidential within limits, and who will see the notes.',
        'Map their current mix of work: clinical, teaching, research, leadership and anything outside the NHS.',
        'Explore which parts of their work give them energy and which drain it.',
        'Help them put their values and strengths into words.',
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
          key: 'currentPortfolio',
          label: 'Current roles and commitments',
          candidateLabel: 'Your current roles and commitments',
          hint: 'Clinical, teaching, research, leadership or other work they do now.',
          visibility: 'shared',
        },
        {
          kind: 'list',
          key: 'strengths',
          label: 'Strengths and values',
          candidateLabel: 'Your strengths and values',
          itemLabel: 'Strength or value',
          visibility: 'shared',
        },
        {
          kind: 'text',
          key: 'whatMatters',
          label: 'What they want from their career',
          candidateLabel: 'What you want from your career',
          visibility: 'shared',
        },
        {
          kind: 'text',
          key: 'selfAwarenessPrivateNotes',
          label: 'Private notes',
          hint: privateNotesHint,
          visibility: 'private',
        },
      ],
    },
    {
      key: 'careerExploration',
      title: 'Career exploration',
      summary: 'The roles and combinations of roles open to them, and what each would involve.',
      preparation: explorePossibilities,
      coachGuidance: [
        'Explore roles and combinations of roles, including ones they have not considered.',
        'For each option, talk about what is possible now and what is possible later.',
        'Test the options against what they said matters to them.',
        'Note who they could talk to, or what they could read, to find out more.',
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
          key: 'informationNeeded',
          label: 'What they need to find out, and who could help',
          candidateLabel: 'What you need to find out, and who could help',
          visibility: 'shared',
        },
        {
          kind: 'text',
          key: 'explorationPrivateNotes',
          label: 'Private notes',
          hint: privateNotesHint,
          visibility: 'private',
        },
      ],
    },
    {
      key: 'arrivingAtDecision',
      title: 'Arriving at a decision',
      summary: 'Weighing the options and choosing a direction, and the development it will need.',
      preparation: makingChoices,
      coachGuidance: [
        'Help them weigh the options against each other, including the practical side: time, money, family.',
        'It is fine not to decide today. Note what would help them decide.',
        'Name the development each option would need, and the one to focus on first.',
      ],
      fields: [
        {
          kind: 'choice',
          key: 'decisionReached',
          label: 'Have they reached a decision?',
          candidateLabel: 'Whether you have reached a decision',
          options: [
            { value: 'yes', label: 'Yes' },
            { value: 'partly', label: 'Partly' },
            { value: 'notYet', label: 'Not yet' },
          ],
          visibility: 'shared',
        },
        {
          kind: 'text',
          key: 'decision',
          label: 'The direction they have chosen, or what would help them decide',
          candidateLabel: 'The direction you have chosen, or what would help you decide',
          visibility: 'shared',
        },
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
          key: 'decisionPrivateNotes',
          label: 'Private notes',
          hint: privateNotesHint,
          visibility: 'private',
        },
      ],
    },
    {
      key: 'nextSteps',
      title: 'Next steps',
      summary: 'The actions they will take, and the support they will need.',
      preparation: makingItHappen,
      coachGuidance: [
        'Agree specific next steps, each with who will do it and by when.',
        'Include conversations they need to have, for example with their clinical director or educational supervisor.',
        'Point them to suitable training and resources from the resource library.',
        'Check they know what happens next: a summary by email, and a check-in some weeks later.',
      ],
      fields: [
        {
          kind: 'actions',
          key: 'actions',
          label: 'Agreed actions',
          candidateLabel: 'Your agreed actions',
          hint: 'Each next step: what, who will do it and by when.',
          visibility: 'shared',
        },
        {
          kind: 'text',
          key: 'supportNeeded',
          label: 'Support they will need',
          candidateLabel: 'Support you will need',
          visibility: 'shared',
        },
        {
          kind: 'text',
          key: 'nextStepsPrivateNotes',
          label: 'Private notes',
          hint: privateNotesHint,
          visibility: 'private',
        },
      ],
    },
  ],
  reflectionQuestions,
}

export const scanV1 = defineModel(scanDefinition)

/** Version 2: the same stages and fields; candidates get the short preparation form. */
export const scanV2 = defineModel(withPreparation(scanDefinition, 2, { areas: shortFormAreas, reflectionQuestions: [] }))
