/**
 * The short preparation form: one question per idea, grouped by
 * the four areas, with the first form's reflection questions folded into the
 * hints. Version 2 of each conversation model asks these; answers written on
 * the first form (content.ts) stay with their own questions.
 *
 * A question asking the same thing as on the first form keeps its key and its
 * label there (so an answer under that key reads the same on either form); a
 * new question has a new key. Never give a first-form key to another question.
 */
import type { PreparationArea } from './content.js'

const shortKnowYourself: PreparationArea = {
  key: 'knowYourself',
  title: 'Know yourself',
  intro: 'Think about what you want from the conversation, what you are good at and what matters to you in work.',
  questions: [
    {
      key: 'conversationGoal',
      label: 'What would you like to get out of the conversation?',
      hint: 'For example, ideas for your next role, or help deciding between options. It is fine if you are not sure yet.',
    },
    {
      key: 'strengthsAndSkills',
      label: 'What are your strengths and skills?',
      hint:
        'Include skills you could take to another job, such as communication or teamwork, and what your current or ' +
        'most recent role has taught you. For example, if you worked on vaccinations: talking to worried people or following strict procedures.',
    },
    {
      key: 'workValues',
      label: 'What matters to you in work?',
      hint: 'For example, helping people directly, hours that fit around your family, learning new things or a steady income.',
    },
  ],
}

const shortExplorePossibilities: PreparationArea = {
  key: 'explorePossibilities',
  title: 'Explore possibilities',
  intro:
    'Before the call, look at some roles in health and care yourself, for example on the Health Careers website (healthcareers.nhs.uk). Use the call to test what you found with your coach.',
  questions: [
    {
      key: 'rolesOfInterest',
      label: 'Which roles have caught your interest?',
      hint: 'Include any you have looked at, and what draws you to them.',
    },
    {
      key: 'questionsAboutRoles',
      label: 'What would you like to find out about these roles?',
      hint: 'For example, what the work is like day to day, the pay, or how people get into it.',
    },
  ],
}

const shortMakingChoices: PreparationArea = {
  key: 'makingChoices',
  title: 'Making choices',
  intro: 'Think about what you might need to get into the roles that interest you, and what help you could get.',
  questions: [
    {
      key: 'developmentNeeded',
      label: 'What development do you think you might need?',
      hint:
        'Think about the skills, experience and qualifications those roles ask for, and what would make you more employable. ' +
        'For example, training, a qualification, more experience or more confidence.',
    },
    {
      key: 'supportWanted',
      label: 'What support would help you?',
      hint: 'For example, training from your employer, an apprenticeship, funding, time to study, or something your coach or the programme team could do.',
    },
  ],
}

const shortMakingItHappen: PreparationArea = {
  key: 'makingItHappen',
  title: 'Making it happen',
  intro: 'Small steps add up. Think about where you would start.',
  questions: [
    {
      key: 'oneDevelopmentNeed',
      label: 'If you could work on just one development need, which would it be?',
      hint: 'And what would you need to do to make it happen?',
    },
  ],
}

/** The short form's four areas, in the order of the conversation's four stages. It has no separate reflection questions. */
export const shortFormAreas: readonly PreparationArea[] = [
  shortKnowYourself,
  shortExplorePossibilities,
  shortMakingChoices,
  shortMakingItHappen,
]
