import fp from 'fastify-plugin'
import formBody from '@fastify/formbody'

/** Pages post HTML forms (they work without JavaScript). */
export default fp(async (app) => app.register(formBody, { bodyLimit: 256 * 1024 }), { name: 'form-body' })
