/** A whole number typed into a form, in a range, or why it is not one. */
type WholeNumber = { ok: true; value: number } | { ok: false; problem: 'missing' | 'format' | 'low' | 'high' }

export function wholeNumber(text: string | undefined, range: { minimum: number; maximum: number }): WholeNumber {
  const raw = (text ?? '').trim()
  if (raw === '') return { ok: false, problem: 'missing' }
  if (!/^-?\d{1,6}$/.test(raw)) return { ok: false, problem: 'format' }
  const value = Number(raw)
  if (value < range.minimum) return { ok: false, problem: 'low' }
  if (value > range.maximum) return { ok: false, problem: 'high' }
  return { ok: true, value }
}
