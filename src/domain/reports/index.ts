export * from './period.js'
export * from './programme-report.js'
export * from './report-service.js'
