const HOUR = 60
const DAY = 24 * HOUR

/** "1 week", "2 days", "1 day", "2 hours", "30 minutes", "1 day and 6 hours" */
export function formatDuration(minutes: number): string {
  const unit = (count: number, one: string) => `${count} ${one}${count === 1 ? '' : 's'}`
  if (minutes > 0 && minutes % (7 * DAY) === 0) return unit(minutes / (7 * DAY), 'week')
  const parts = [
    [Math.floor(minutes / DAY), 'day'],
    [Math.floor((minutes % DAY) / HOUR), 'hour'],
    [minutes % HOUR, 'minute'],
  ] as const
  return parts
    .filter(([count]) => count > 0)
    .map(([count, one]) => unit(count, one))
    .join(' and ')
}
