import { readFileSync } from 'node:fs'
import { projectPath } from '../../project-files.js'

/**
 * What a new staff password must be (NCSC guidance: length over complexity,
 * and a block list of passwords attackers try first).
 */

export const MINIMUM_PASSWORD_LENGTH = 12
/** Long enough for any passphrase; short enough that hashing it stays cheap. */
const MAXIMUM_PASSWORD_LENGTH = 256

const listFile = projectPath('src', 'domain', 'staff', 'common-passwords.txt')

/** The shipped list of common passwords, lower case. */
export const commonPasswords: ReadonlySet<string> = new Set(
  readFileSync(listFile, 'utf8')
    .split('\n')
    .map((line) => line.trim().toLowerCase())
    .filter((line) => line !== '' && !line.startsWith('#')),
)

const letterSwaps: Record<string, string> = { '@': 'a', '4': 'a', '3': 'e', '1': 'i', '!': 'i', '0': 'o', $: 's', '5': 's', '7': 't' }

/** "P@ssw0rd2024!" → "password": the word under the decoration. */
function baseWord(password: string): string {
  const lower = password.toLowerCase()
  const trimmed = lower.replace(/^[^a-z@$]+/, '').replace(/[^a-z]+$/, '')
  return [...trimmed].map((character) => letterSwaps[character] ?? character).join('')
}

export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase()
  if (commonPasswords.has(lower) || commonPasswords.has(lower.replace(/\s+/g, ''))) return true
  const base = baseWord(password)
  return base !== '' && commonPasswords.has(base)
}

interface PasswordContext {
  /** The account's email address: a password that contains it is refused. */
  email?: string
  /** The person's name: a password that is just their name, decorated, is refused. */
  name?: string
}

/** The one problem with a new password, as a sentence for the person choosing it; null when it will do. */
export function passwordProblem(password: string, context: PasswordContext = {}): string | null {
  if (password.length === 0) return 'Enter a password'
  if (password.length < MINIMUM_PASSWORD_LENGTH) {
    return `Your password must be ${MINIMUM_PASSWORD_LENGTH} characters or more`
  }
  if (password.length > MAXIMUM_PASSWORD_LENGTH) {
    return `Your password must be ${MAXIMUM_PASSWORD_LENGTH} characters or fewer`
  }
  if (new Set(password.toLowerCase()).size < 5) {
    return 'Your password is too easy to guess. Use more different characters, or 3 or more random words'
  }
  if (isCommonPassword(password)) {
    return 'Your password is too common. Choose one that is harder to guess, for example 3 random words'
  }
  const lower = password.toLowerCase()
  const localPart = context.email?.toLowerCase().split('@')[0] ?? ''
  if (localPart.length >= 4 && lower.includes(localPart)) {
    return 'Your password must not include your email address'
  }
  const nameWords = (context.name ?? '').toLowerCase().split(/\s+/).filter((word) => word.length >= 3)
  const base = baseWord(password).replace(/\s+/g, '')
  if (nameWords.length > 0 && (base === nameWords.join('') || nameWords.includes(base))) {
    return 'Your password must not be your name'
  }
  return null
}
