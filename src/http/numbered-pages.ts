/**
 * A list shown a page of `pageSize` at a time by page number (the audit log,
 * invitations): what the page says it shows and where Previous and Next go.
 * A page past the end shows nothing, and its Previous goes to the last page.
 */
interface NumberedPage {
  showing: { from: number; to: number; total: number } | null
  previousUrl: string | null
  nextUrl: string | null
}

export function numberedPage(page: number, total: number, pageSize: number, pageUrl: (page: number) => string): NumberedPage {
  const lastPage = Math.max(1, Math.ceil(total / pageSize))
  const first = (page - 1) * pageSize
  return {
    showing: first >= total ? null : { from: first + 1, to: Math.min(page * pageSize, total), total },
    previousUrl: page > 1 ? pageUrl(Math.min(page - 1, lastPage)) : null,
    nextUrl: page < lastPage ? pageUrl(page + 1) : null,
  }
}
