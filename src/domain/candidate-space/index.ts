export { answersFromForm, typedAnswers, preparationFieldId } from './preparation-form.js'
export { loadCandidateSpace, type CandidateSpaceDeps } from './space.js'
export { emailProblem, requestNewManageLink, MAX_NEW_LINKS_PER_EMAIL } from './new-link.js'
