export * from './answers-service.js'
export * from './questions.js'
export * from './schedule.js'
export * from './report-figures.js'
