import { defineConfig } from 'vitest/config'
import base from './vitest.config.js'

/**
 * `npm run test:quick`: the tests of the rules themselves (slots, booking
 * rules, conversation models, preparation, times, calendar files, forms,
 * CSV, email content, settings), none of which builds the app, drives a
 * browser or waits on a clock: the loop to run after every change, in
 * seconds. `npm test` runs everything, these included.
 */
// Not mergeConfig: it would add this list to the whole suite's instead of replacing it.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: [
      'test/domain/**/*.test.ts',
      'test/config.test.ts',
      'test/collect-when-quiet.test.ts',
      'test/availability/availability-forms.test.ts',
      'test/emails/candidate-email-content.test.ts',
      'test/emails/previews.test.ts',
      'test/invitations/csv.test.ts',
      'test/pages/booking-journey-rules.test.ts',
      'test/programmes/programme-settings.test.ts',
      'test/security/two-factor.test.ts',
    ],
  },
})
