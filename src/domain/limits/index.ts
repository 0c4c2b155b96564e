export * from './rules.js'
export * from './limits-service.js'
