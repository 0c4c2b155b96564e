import fp from 'fastify-plugin'
import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient } from '../../generated/prisma/client.js'

declare module 'fastify' {
  interface FastifyInstance {
    prisma: PrismaClient
  }
}

/** `app.prisma`: the typed client, on the same pool as `app.pg`. */
export default fp(
  async (app) => {
    const prisma = new PrismaClient({ adapter: new PrismaPg(app.pg.pool) })
    app.decorate('prisma', prisma)
    app.addHook('onClose', async () => {
      await prisma.$disconnect()
    })
  },
  { name: 'prisma', dependencies: ['postgres'] },
)
