/**
 * Where to go after signing in: only a path on this site. Anything that a
 * browser could read as another site ("//evil.example", "/\\evil.example",
 * "https://...", "javascript:...") is refused, so the sign-in page cannot be
 * used as an open redirect.
 */
export function safeNextPath(next: unknown): string | undefined {
  if (typeof next !== 'string' || next.length === 0 || next.length > 2000) return undefined
  if (!next.startsWith('/') || next.startsWith('//')) return undefined
  // Backslashes and control characters: browsers treat "\" as "/" and drop tabs and newlines.
  if ([...next].some((character) => character === '\\' || character.charCodeAt(0) < 0x20 || character.charCodeAt(0) === 0x7f)) {
    return undefined
  }
  const base = 'http://local.invalid'
  let url: URL
  try {
    url = new URL(next, base)
  } catch {
    return undefined
  }
  if (url.origin !== base) return undefined
  const path = `${url.pathname}${url.search}${url.hash}`
  // Never back to the sign-in or sign-out pages themselves.
  if (/^\/sign-(in|out)/.test(url.pathname)) return undefined
  return path
}
