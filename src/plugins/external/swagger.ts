import fp from 'fastify-plugin'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import { describeOperation } from '../../http/openapi-operations.js'

/** The OpenAPI document at /docs/json, built from the routes' own schemas, and a browsable /docs. */
export default fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Career conversations API',
          description: 'Book, change and follow up free one-to-one career conversations.',
          version: '1.0.0',
          license: { name: 'MIT', identifier: 'MIT' },
        },
        servers: [{ url: app.config.PUBLIC_URL, description: 'This service (PUBLIC_URL)' }],
        components: {
          securitySchemes: {
            manageToken: { type: 'http', scheme: 'bearer', description: 'The token at the end of a manage link' },
            session: { type: 'apiKey', in: 'cookie', name: 'cc_session' },
            apiToken: { type: 'http', scheme: 'bearer', description: 'An API token of another system (ccat_…), limited to its scopes' },
          },
        },
      },
      hideUntagged: false,
      // Every operation's operationId and security, derived in one place (src/http/openapi-operations.ts).
      transform: describeOperation,
    })
    await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true })
  },
  { name: 'swagger' },
)
