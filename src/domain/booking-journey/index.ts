/**
 * The candidate's booking journey, without HTTP: its steps and their order,
 * checking each page's answers into NHS error messages, the days and times
 * to choose from, time zones, and the sealed cookie that keeps the answers.
 */
export * from './state.js'
export * from './answers.js'
export * from './calendar.js'
export * from './time-zones.js'
export * from './sealed-state.js'
export * from './change-state.js'
