export * from './preparation-form.js'
export * from './space.js'
export * from './new-link.js'
