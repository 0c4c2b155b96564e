import type { FieldProblem } from '../domain/errors.js'

/**
 * View data for the NHS error summary and the message by each field (the
 * first problem of each): `ids` maps a field to its input's id when they differ.
 */
export function errorsView(problems: readonly FieldProblem[], ids: Record<string, string> = {}) {
  const fieldErrors: Record<string, string> = {}
  for (const problem of problems) fieldErrors[problem.field] ??= problem.message
  return {
    hasErrors: problems.length > 0,
    errorList: Object.entries(fieldErrors).map(([field, text]) => ({ text, href: `#${ids[field] ?? field}` })),
    fieldErrors,
  }
}
