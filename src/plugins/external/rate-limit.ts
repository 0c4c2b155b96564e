import fp from 'fastify-plugin'
import rateLimit from '@fastify/rate-limit'
import { DomainError } from '../../domain/errors.js'

/**
 * Coarse flood protection, per address, for the routes that ask for it with
 * `config: { rateLimit: { max, timeWindow } }` (nothing is limited
 * otherwise). It keeps the expensive sign-in (an argon2 hash per attempt)
 * from being used to tie up the server. The sign-in limits that matter (5
 * failures per account, 20 per address, in 15 minutes) are counted in
 * PostgreSQL by domain/staff/sign-in.ts, on the service's clock.
 */
export default fp(
  async (app) => {
    await app.register(rateLimit, {
      global: false,
      errorResponseBuilder: () =>
        new DomainError('too_many_requests', 'There have been too many requests from your address. Wait a minute, then try again.', 429),
    })
  },
  { name: 'rate-limit' },
)
