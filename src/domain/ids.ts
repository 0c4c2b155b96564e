const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** True when `id` could be one of our record ids (a UUID); anything else is simply not found. */
export function looksLikeUuid(id: string): boolean {
  return UUID.test(id)
}
