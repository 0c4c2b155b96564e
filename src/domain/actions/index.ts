/** Agreed actions: what, who, by when, what kind, a resource, and a status with its history. */
export {
  ACTION_OWNERS,
  ACTION_CATEGORIES,
  ACTION_STATUSES,
  actionOwnerLabels,
  actionCategoryLabels,
  actionStatusLabels,
  actionStatusColours,
  type Action,
  type ProgrammeResource,
} from './types.js'
export {
  createAction,
  updateAction,
  deleteAction,
  changeActionStatus,
  listResourcesFor,
  ActionNotFoundError,
  NotYourActionError,
} from './actions-service.js'
