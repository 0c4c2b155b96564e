/**
 * A connected calendar's secrets (the subscription address: whoever has it
 * reads the calendar; the CalDAV app password) are sealed like two-factor
 * secrets (AES-256-GCM, a key of their own derived from SESSION_SECRET) and
 * never shown again.
 */
import { seal, unseal } from '../staff/two-factor.js'
import type { CalendarConnectionRow } from '../../repositories/calendar-connections.js'
import type { CaldavLogin } from './caldav.js'

export { seal, unseal }
export const ADDRESS_PURPOSE = 'calendar-address'
export const PASSWORD_PURPOSE = 'calendar-password'

/** The login of a CalDAV connection, unsealed. */
export function caldavLoginOf(connection: Pick<CalendarConnectionRow, 'addressSealed' | 'username' | 'passwordSealed'>, secret: string): CaldavLogin {
  return {
    serverUrl: unseal(connection.addressSealed, secret, ADDRESS_PURPOSE),
    username: connection.username ?? '',
    password: connection.passwordSealed ? unseal(connection.passwordSealed, secret, PASSWORD_PURPOSE) : '',
  }
}

