/**
 * A list of people to invite, as a CSV file (pure: no database).
 *
 * The file: UTF-8 (a byte order mark, as Excel's "CSV UTF-8" writes, is
 * fine), a header row naming the columns (name and email; phone and note
 * optional; in any order, any case; a few common spellings such as "Email
 * address" are understood; other columns are ignored), then one row per
 * person, at most 1,000.
 *
 * Rows are numbered as a spreadsheet numbers them: the header is row 1, so
 * "Row 4" is the fourth line of the sheet. Blank rows count but are skipped.
 * Each row is checked by the same rules as the invite form
 * (checkInvitationInput); a row with any problem is not invited, and says
 * which column and what is wrong ("Row 4, email column: Enter an email
 * address in the correct format, like name@example.com"). An address that appears again later in the file is
 * invited once; its later rows are reported.
 */
import { parse } from 'csv-parse/sync'
import { ValidationError } from '../errors.js'
import { checkInvitationInput } from '../booking/service/invitations.js'
import { ALREADY_INVITED_MESSAGE } from './status.js'

export const INVITATION_CSV_MAX_ROWS = 1000
export const INVITATION_CSV_MAX_BYTES = 1024 * 1024
export const INVITATION_CSV_COLUMNS = ['name', 'email', 'phone', 'note'] as const
type InvitationCsvColumn = (typeof INVITATION_CSV_COLUMNS)[number]

/** The template people download: the header row alone (an example row would be invited if left in). */
export const INVITATION_CSV_TEMPLATE = `${INVITATION_CSV_COLUMNS.join(',')}\r\n`

const formatCount = (n: number) => n.toLocaleString('en-GB')

export const INVITATION_CSV_MESSAGES = {
  noFile: 'Select a CSV file',
  notCsv: 'The selected file must be a CSV',
  empty: 'The selected file is empty',
  tooLarge: 'The selected file must be smaller than 1MB',
  notUtf8: 'The selected file must be saved as CSV UTF-8 (in Excel: File, Save a copy, CSV UTF-8)',
  unreadable: (line: number) => `The selected file could not be read as a CSV: check the quote marks on line ${line}`,
  noHeader:
    'The first row of the file must name the columns: name, email, and if you have them, phone and note. Download the template to see how',
  columnMissing: (column: string) => `The first row of the file must have a column called ${column}`,
  columnTwice: (column: string) => `The first row of the file has more than one column called ${column}`,
  noPeople: 'The selected file has nobody in it: add a row for each person under the header row',
  tooManyRows: (rows: number) =>
    `The selected file has ${formatCount(rows)} people in it. Upload ${formatCount(INVITATION_CSV_MAX_ROWS)} or fewer at a time`,
  tooManyValues: 'This row has more values than the first row has columns: put quote marks around any value with a comma in it',
  duplicateInFile: (firstRow: number) => `This email address is already in row ${firstRow} of the file`,
  alreadyInvited: ALREADY_INVITED_MESSAGE,
} as const

/** One person to invite, checked. */
interface InvitationCsvPerson {
  row: number
  name: string
  email: string
  phone: string | null
  note: string | null
}

interface InvitationCsvProblem {
  /** The column at fault, or `row` for the row as a whole. */
  field: InvitationCsvColumn | 'row'
  message: string
}

/** A row that will not be invited, and why. */
export interface InvitationCsvRowError {
  row: number
  problems: InvitationCsvProblem[]
}

export type InvitationCsv =
  | {
      ok: true
      /** Rows with a person on them (blank rows not counted). */
      rowCount: number
      people: InvitationCsvPerson[]
      /** In row order. */
      rowErrors: InvitationCsvRowError[]
    }
  | { ok: false; error: string }

/** Which column a problem is in, as the results table says it: "email", or "Whole row". */
export function problemColumnText(field: InvitationCsvProblem['field']): string {
  return field === 'row' ? 'Whole row' : field
}

/** "Row 4, name column: Enter their name"; "Row 7: This row has more values…" for the row as a whole. */
function rowErrorText(row: number, message: string, field: InvitationCsvProblem['field'] = 'row'): string {
  return field === 'row' ? `Row ${row}: ${message}` : `Row ${row}, ${field} column: ${message}`
}

/** Every problem of every rejected row as a line, in row order. */
export function rowErrorLines(rowErrors: readonly InvitationCsvRowError[]): string[] {
  return rowErrors.flatMap((rowError) => rowError.problems.map((problem) => rowErrorText(rowError.row, problem.message, problem.field)))
}

/** True when a file's name says CSV (browsers disagree on its media type: Excel's is application/vnd.ms-excel). */
export function looksLikeCsvFileName(fileName: string): boolean {
  return /\.csv$/i.test(fileName.trim())
}

const HEADER_NAMES: Record<string, InvitationCsvColumn> = {
  name: 'name',
  fullname: 'name',
  email: 'email',
  emailaddress: 'email',
  phone: 'phone',
  phonenumber: 'phone',
  telephone: 'phone',
  telephonenumber: 'phone',
  mobile: 'phone',
  mobilenumber: 'phone',
  note: 'note',
  notes: 'note',
}

const headerKey = (cell: string) => cell.toLowerCase().replace(/[^a-z]/g, '')

function decode(content: Uint8Array | string): string | null {
  if (typeof content === 'string') return content.replace(/^\uFEFF/, '')
  try {
    // Strips a UTF-8 byte order mark; refuses anything that is not UTF-8 (e.g. Windows-1252 "CSV" from old Excel).
    return new TextDecoder('utf-8', { fatal: true }).decode(content)
  } catch {
    return null
  }
}

interface ParsedRecord {
  record: string[]
  info: { records: number; lines: number }
}

/** Reads and checks a file of people to invite. File-wide problems (no header, too many rows...) invite nobody. */
export function parseInvitationCsv(content: Uint8Array | string): InvitationCsv {
  const text = decode(content)
  if (text === null) return { ok: false, error: INVITATION_CSV_MESSAGES.notUtf8 }
  if (text.trim() === '') return { ok: false, error: INVITATION_CSV_MESSAGES.empty }

  let records: ParsedRecord[]
  try {
    records = parse(text, { bom: true, relax_column_count: true, relax_quotes: true, info: true }) as unknown as ParsedRecord[]
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1
    return { ok: false, error: INVITATION_CSV_MESSAGES.unreadable(line) }
  }

  const [header, ...rows] = records
  if (!header) return { ok: false, error: INVITATION_CSV_MESSAGES.empty }
  const columns = new Map<InvitationCsvColumn, number>()
  for (const [index, cell] of header.record.entries()) {
    const column = HEADER_NAMES[headerKey(cell)]
    if (!column) continue
    if (columns.has(column)) return { ok: false, error: INVITATION_CSV_MESSAGES.columnTwice(column) }
    columns.set(column, index)
  }
  if (!columns.has('name') && !columns.has('email')) return { ok: false, error: INVITATION_CSV_MESSAGES.noHeader }
  for (const required of ['name', 'email'] as const) {
    if (!columns.has(required)) return { ok: false, error: INVITATION_CSV_MESSAGES.columnMissing(required) }
  }

  const isBlank = (record: string[]) => record.every((cell) => cell.trim() === '')
  const peopleRows = rows.filter((row) => !isBlank(row.record))
  if (peopleRows.length === 0) return { ok: false, error: INVITATION_CSV_MESSAGES.noPeople }
  if (peopleRows.length > INVITATION_CSV_MAX_ROWS) return { ok: false, error: INVITATION_CSV_MESSAGES.tooManyRows(peopleRows.length) }

  const people: InvitationCsvPerson[] = []
  const rowErrors: InvitationCsvRowError[] = []
  const firstRowOf = new Map<string, number>()
  for (const { record, info } of peopleRows) {
    const row = info.records
    const cell = (column: InvitationCsvColumn) => {
      const index = columns.get(column)
      return index === undefined ? '' : (record[index] ?? '')
    }
    const problems: InvitationCsvProblem[] = []
    let person: Omit<InvitationCsvPerson, 'row'> | undefined
    try {
      person = checkInvitationInput({ name: cell('name'), email: cell('email'), phone: cell('phone'), note: cell('note') })
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      problems.push(...error.fields.map((problem) => ({ field: problem.field as InvitationCsvColumn, message: problem.message })))
    }
    // More values than columns: the columns have most likely shifted (an unquoted comma), and the
    // other problems only echo that. Trailing empty values, as some spreadsheets write, are fine.
    const extras = record.slice(header.record.length)
    if (extras.some((extra) => extra.trim() !== '') || (extras.length > 0 && problems.length > 0)) {
      rowErrors.push({ row, problems: [{ field: 'row', message: INVITATION_CSV_MESSAGES.tooManyValues }] })
      continue
    }
    if (person) {
      const firstRow = firstRowOf.get(person.email)
      if (firstRow !== undefined) problems.push({ field: 'email', message: INVITATION_CSV_MESSAGES.duplicateInFile(firstRow) })
      else if (problems.length === 0) firstRowOf.set(person.email, row)
    }
    if (problems.length > 0 || !person) rowErrors.push({ row, problems })
    else people.push({ row, ...person })
  }
  return { ok: true, rowCount: peopleRows.length, people, rowErrors }
}

/**
 * Takes out the people who already have a live invitation to the programme
 * (`invited`: their lower-case addresses), reporting their rows instead.
 */
export function withoutAlreadyInvited(csv: InvitationCsv, invited: ReadonlySet<string>): InvitationCsv {
  if (!csv.ok) return csv
  const people = csv.people.filter((person) => !invited.has(person.email))
  const reported = csv.people
    .filter((person) => invited.has(person.email))
    .map((person) => ({ row: person.row, problems: [{ field: 'email' as const, message: INVITATION_CSV_MESSAGES.alreadyInvited }] }))
  return { ...csv, people, rowErrors: sortByRow([...csv.rowErrors, ...reported]) }
}

export function sortByRow<T extends { row: number }>(items: T[]): T[] {
  return items.sort((a, b) => a.row - b.row)
}
