export * from './email-codes.js'
