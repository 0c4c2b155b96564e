import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import managePages from './manage.js'
import newLinkPages from './new-link.js'
import questionPages from './questions.js'

/**
 * The candidate's pages under /bookings, by the personal link in their emails.
 * Autoload loads only this file of the folder, so the folder's pages are
 * registered here, each its own plugin: the manage pages' hook that opens the
 * booking stays theirs.
 */
const bookingsPages: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(managePages)
  await app.register(questionPages)
  await app.register(newLinkPages)
}

export default bookingsPages
