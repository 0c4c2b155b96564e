/** Agreed actions: what, who, by when, what kind, a resource, and a status with its history. */
export * from './types.js'
export * from './validate.js'
export * from './actions-service.js'
