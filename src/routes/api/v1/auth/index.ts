import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { SESSION_COOKIE } from '../../../../domain/staff/sessions.js'
import { signIn, signOut, signOutEverywhere } from '../../../../domain/staff/sign-in.js'
import { clearSessionCookie, requireStaff, setSessionCookie } from '../../../../plugins/app/auth.js'
import { ErrorBody } from '../../../../schemas/common.js'

const Staff = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  role: Type.Union([Type.Literal('coach'), Type.Literal('admin')]),
})

const auth: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/login',
    {
      // Flood protection per address; the real sign-in limits are per account and address, in the domain.
      onRequest: app.limits.perAddress(app.limits.rules.signInRequests),
      schema: {
        tags: ['staff sign-in'],
        summary: 'Sign in as a coach or admin; sets the session cookie',
        operationId: 'signIn',
        description:
          'Answers 401 `invalid_credentials` with the same message whether the email address or the password is wrong. ' +
          'With two-factor sign-in (every admin; coaches who set it up or whose programme requires it), send `code` too: ' +
          'the 6-digit code from the authenticator app, or one of the recovery codes. Without it, once the password is right: ' +
          '401 `code_required`; a wrong or used code: 401 `invalid_code`. An account that must set up two-factor and has not: ' +
          '403 `two_factor_setup_required` (set-up is on the website\'s sign-in page). ' +
          'After 5 failures (passwords and codes) for one account, or 20 from one address, in 15 minutes: 429. ' +
          'The session ends after 30 minutes without a request, and 12 hours after sign-in. ' +
          'Requests that change something with this cookie must send their body as JSON.',
        body: Type.Object(
          {
            email: Type.String({ minLength: 1, maxLength: 320 }),
            password: Type.String({ minLength: 1, maxLength: 1024 }),
            code: Type.Optional(
              Type.String({
                pattern: '^([0-9]{6}|[A-Za-z0-9]{4}-?[A-Za-z0-9]{4}-?[A-Za-z0-9]{4})$',
                description: 'Two-factor: the 6-digit code from the authenticator app, or a recovery code (xxxx-xxxx-xxxx)',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ staff: Staff }),
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          429: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const signedIn = await signIn(app.signInServices, {
        email: request.body.email,
        password: request.body.password,
        code: request.body.code ?? null,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
        requestId: request.id,
        previousToken: request.cookies[SESSION_COOKIE] ?? null,
      })
      setSessionCookie(reply, signedIn.token)
      return { staff: { id: signedIn.staff.id, name: signedIn.staff.name, role: signedIn.staff.role } }
    },
  )

  app.post(
    '/logout',
    {
      schema: {
        tags: ['staff sign-in'],
        summary: 'Sign out: ends this session and clears the cookie (204 even when not signed in)',
        operationId: 'signOut',
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await signOut(app.signInServices, request.cookies[SESSION_COOKIE], { ip: request.ip, requestId: request.id })
      clearSessionCookie(reply)
      return reply.code(204).send(null)
    },
  )

  app.post(
    '/logout-everywhere',
    {
      onRequest: requireStaff,
      schema: {
        tags: ['staff sign-in'],
        summary: "Sign out everywhere: ends every one of the signed-in person's sessions",
        operationId: 'signOutEverywhere',
        security: [{ session: [] }],
        response: { 204: Type.Null(), 401: ErrorBody },
      },
    },
    async (request, reply) => {
      await signOutEverywhere(app.signInServices, request.staff!.userId, { ip: request.ip, requestId: request.id })
      clearSessionCookie(reply)
      return reply.code(204).send(null)
    },
  )
}

export default auth
