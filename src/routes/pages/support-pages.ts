import type { FastifyPluginAsync } from 'fastify'

/** The pages the footer links to. */
const supportPages: FastifyPluginAsync = async (app) => {
  const pages = {
    '/accessibility-statement': 'pages/accessibility-statement.njk',
    '/contact-us': 'pages/contact-us.njk',
    '/privacy': 'pages/privacy.njk',
  }
  for (const [url, template] of Object.entries(pages)) {
    app.get(url, { schema: { hide: true } }, async (_request, reply) => reply.view(template))
  }
}

export default supportPages
