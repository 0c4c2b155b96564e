/**
 * What the sign-in pages share: the pending sign-in's cookie. (Not a plugin: autoload
 * loads only index.ts from this folder; ../sign-in.ts imports this too.)
 */
import type { FastifyReply } from 'fastify'
import { PENDING_SIGN_IN_COOKIE, PENDING_SIGN_IN_PATH } from '../../../domain/staff/sign-in.js'

/** The pending sign-in's token: sent only to /sign-in pages, gone when the browser closes (the server ends it after 15 minutes). */
export function setPendingSignInCookie(reply: FastifyReply, token: string): void {
  reply.setCookie(PENDING_SIGN_IN_COOKIE, token, {
    path: PENDING_SIGN_IN_PATH,
    httpOnly: true,
    sameSite: 'lax',
    secure: reply.server.config.NODE_ENV === 'production',
  })
}

export function clearPendingSignInCookie(reply: FastifyReply): void {
  reply.clearCookie(PENDING_SIGN_IN_COOKIE, {
    path: PENDING_SIGN_IN_PATH,
    httpOnly: true,
    sameSite: 'lax',
    secure: reply.server.config.NODE_ENV === 'production',
  })
}
