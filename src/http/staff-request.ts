import type { FastifyRequest } from 'fastify'
import type { StaffPrincipal } from '../domain/booking/types.js'

/** The signed-in staff member and where the request came from, for a domain change's audit entry. */
export function staffRequest(request: FastifyRequest): { staff: StaffPrincipal; ip: string; requestId: string } {
  if (!request.staff) throw new Error('staffRequest needs a signed-in staff member (an access hook should have refused this request)')
  return { staff: request.staff, ip: request.ip, requestId: request.id }
}
