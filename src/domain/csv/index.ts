/**
 * CSV files we write for people to open in a spreadsheet (the follow-up
 * review's export, the programme report's figures): RFC 4180 quoting, CRLF
 * line ends, and a byte order mark first so Excel reads UTF-8. A cell that a
 * spreadsheet would take for a formula (beginning with = + - @, a tab or a
 * carriage return) starts with an apostrophe instead (OWASP, "CSV injection"):
 * Excel and LibreOffice then show it as the text it is.
 */

export const CSV_BOM = '\uFEFF'
export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8'

const FORMULA_START = /^[=+\-@\t\r]/

/** One cell: made safe against formula injection, then quoted when it has to be. */
function csvCell(value: string | number | boolean | null): string {
  let text = value === null ? '' : String(value)
  if (FORMULA_START.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** One row, with its CRLF. */
export const csvLine = (cells: readonly (string | number | boolean | null)[]): string => `${cells.map(csvCell).join(',')}\r\n`
