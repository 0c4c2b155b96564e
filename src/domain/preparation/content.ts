/**
 * What the candidate is asked before the call: the first preparation form,
 * four areas and the reflection questions, in plain UK English (version 1 of
 * each conversation model; version 2 asks the short form, short-form.ts). Every question has a stable `key`
 * (camelCase): answers are stored under it, so a key is never renamed or
 * reused once published. Change a label freely; add a new key for a new
 * question.
 */

import { shortFormAreas } from './short-form.js'

export interface PreparationQuestion {
  /** Stable key (camelCase) that answers are stored under. */
  readonly key: string
  readonly label: string
  readonly hint?: string
}

export interface PreparationArea {
  /** Stable key (camelCase). */
  readonly key: string
  readonly title: string
  readonly intro: string
  readonly questions: readonly PreparationQuestion[]
}

export const preparationIntro =
  'These questions are here to help you get the most from your conversation. ' +
  'Every question is optional. Your coach will read your answers before the call. ' +
  'Write as much or as little as you like.'

export const knowYourself: PreparationArea = {
  key: 'knowYourself',
  title: 'Know yourself',
  intro:
    'Think about what you want from the conversation, what you are good at and what matters to you in work.',
  questions: [
    {
      key: 'conversationGoal',
      label: 'What would you like to get out of the conversation?',
    },
    {
      key: 'nextRoleGoal',
      label: 'What would you like your next role to be?',
      hint: 'It is fine if you do not know yet. You can also say what you would like to avoid.',
    },
    {
      key: 'keyStrengths',
      label: 'What are your key strengths?',
      hint: 'Think about what other people thank you for or come to you for.',
    },
    {
      key: 'technicalSkills',
      label: 'What technical skills do you have?',
      hint: 'For example, giving vaccinations, taking blood, using a booking or records system.',
    },
    {
      key: 'transferableSkills',
      label: 'What transferable skills do you have?',
      hint: 'Skills you can take from one job to another, such as communication, teamwork, organising your time or calming people down.',
    },
    {
      key: 'workValues',
      label: 'What matters to you in work?',
      hint: 'For example, helping people directly, hours that fit around your family, learning new things or a steady income.',
    },
    {
      key: 'interests',
      label: 'What interests you?',
      hint: 'In work or outside it.',
    },
  ],
}

export const explorePossibilities: PreparationArea = {
  key: 'explorePossibilities',
  title: 'Explore possibilities',
  intro:
    'Before the call, look at some roles in health and care yourself, for example on the Health Careers website (healthcareers.nhs.uk). Use the call to test what you found with your coach.',
  questions: [
    {
      key: 'rolesLookedAt',
      label: 'Which roles have you looked at?',
    },
    {
      key: 'questionsAboutRoles',
      label: 'What would you like to find out about these roles?',
      hint: 'For example, what the work is like day to day, the pay, or how people get into it.',
    },
  ],
}

export const makingChoices: PreparationArea = {
  key: 'makingChoices',
  title: 'Making choices',
  intro:
    'Think about what you might need to get into the roles that interest you, and what help you could get.',
  questions: [
    {
      key: 'developmentNeeded',
      label: 'What development do you think you might need?',
      hint: 'For example, training, a qualification, more experience or more confidence.',
    },
    {
      key: 'skillsAndQualificationsAsked',
      label: 'Which skills and qualifications do those roles ask for?',
    },
    {
      key: 'supportToGainThem',
      label: 'What support could help you gain them?',
      hint: 'For example, training from your employer, an apprenticeship, funding or time to study.',
    },
  ],
}

export const makingItHappen: PreparationArea = {
  key: 'makingItHappen',
  title: 'Making it happen',
  intro: 'Small steps add up. Think about where you would start.',
  questions: [
    {
      key: 'oneDevelopmentNeed',
      label: 'If you could work on just one development need, which would it be?',
    },
  ],
}

/** The four areas, in the order of the conversation's four stages. */
export const preparationAreas: readonly PreparationArea[] = [
  knowYourself,
  explorePossibilities,
  makingChoices,
  makingItHappen,
]

export const reflectionIntro =
  'If you have time, these questions can help you think things through before the call.'

export const reflectionQuestions: readonly PreparationQuestion[] = [
  {
    key: 'rolesOfInterest',
    label: 'Which roles have caught your interest?',
  },
  {
    key: 'skillsForThoseRoles',
    label: 'Do you have the skills and experience those roles need?',
  },
  {
    key: 'transferableSkillsForRoles',
    label: 'Which of your transferable skills would help you in those roles?',
  },
  {
    key: 'learningFromRecentRole',
    label: 'What has your current or most recent role taught you?',
    hint: 'For example, if you worked on vaccinations: talking to worried people, following strict procedures, working as part of a team.',
  },
  {
    key: 'boostEmployability',
    label: 'What would make you more employable?',
  },
  {
    key: 'stepsToMakeItHappen',
    label: 'What do you need to do to make it happen?',
  },
  {
    key: 'helpWanted',
    label: 'What could the programme team or your coach do to help?',
  },
]

/** Every question on the first preparation form: the four areas, then reflection. */
export const preparationQuestions: readonly PreparationQuestion[] = [
  ...preparationAreas.flatMap((area) => area.questions),
  ...reflectionQuestions,
]

/** Every question on either form, each key once (a key kept by the short form has the same label on both). */
const everyQuestion: readonly PreparationQuestion[] = [
  ...preparationQuestions,
  ...shortFormAreas.flatMap((area) => area.questions).filter((question) => !preparationQuestions.some((q) => q.key === question.key)),
]

/** Every answer key on either form. Which form an answer set may use is the conversation model's to say. */
export const preparationFieldKeys: ReadonlySet<string> = new Set(everyQuestion.map((question) => question.key))

export function findPreparationQuestion(key: string): PreparationQuestion | undefined {
  return everyQuestion.find((question) => question.key === key)
}
