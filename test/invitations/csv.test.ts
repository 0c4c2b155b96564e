import { describe, expect, it } from 'vitest'
import {
  INVITATION_CSV_MESSAGES,
  INVITATION_CSV_TEMPLATE,
  parseInvitationCsv,
  rowErrorLines,
  withoutAlreadyInvited,
  type InvitationCsv,
} from '../../src/domain/invitations/index.js'

/** The CSV of people to invite: pure parsing and checking, no database. */

const utf8 = (text: string) => new TextEncoder().encode(text)
const BOM = '\uFEFF'

function ok(csv: InvitationCsv) {
  if (!csv.ok) throw new Error(`expected a readable file, got: ${csv.error}`)
  return csv
}

describe('reading a CSV of people to invite', () => {
  it('reads a good file: header in any order and case, optional columns, quotes, CRLF', () => {
    const csv = ok(
      parseInvitationCsv(
        utf8(
          'Email Address,Full name,Phone number,Notes\r\n' +
            'sam.taylor@example.com,Sam Taylor,07700 900982,"Vaccinator, Leeds"\r\n' +
            'JO@Example.com ,  Jo   Bloggs ,,\r\n' +
            '"zoë@example.com","Zoë O\'Brien","+44 7700 900 123","Line one\nline two"\r\n',
        ),
      ),
    )
    expect(csv.rowCount).toBe(3)
    expect(csv.rowErrors).toEqual([])
    expect(csv.people).toEqual([
      { row: 2, name: 'Sam Taylor', email: 'sam.taylor@example.com', phone: '07700 900982', note: 'Vaccinator, Leeds' },
      { row: 3, name: 'Jo Bloggs', email: 'jo@example.com', phone: null, note: null },
      { row: 4, name: 'Zoë O\'Brien', email: 'zoë@example.com', phone: '+44 7700 900 123', note: 'Line one\nline two' },
    ])
  })

  it('reads only name and email too, ignores other columns, and numbers rows as a spreadsheet does (blank rows count)', () => {
    const csv = ok(parseInvitationCsv('name,email,employee number\nSam,sam@example.com,123\n\n,,\nJo,jo@example.com,456,,\n'))
    expect(csv.people.map((person) => [person.row, person.email])).toEqual([
      [2, 'sam@example.com'],
      [5, 'jo@example.com'],
    ])
    expect(csv.rowCount).toBe(2)
  })

  it('takes a UTF-8 byte order mark (Excel "CSV UTF-8") in its stride', () => {
    const csv = ok(parseInvitationCsv(utf8(`${BOM}name,email\nSiân Jones,sian@example.com\n`)))
    expect(csv.people).toEqual([{ row: 2, name: 'Siân Jones', email: 'sian@example.com', phone: null, note: null }])
    // The template we offer carries no example row, and reads back as a file with nobody in it.
    expect(parseInvitationCsv(utf8(`${BOM}${INVITATION_CSV_TEMPLATE}`))).toEqual({ ok: false, error: INVITATION_CSV_MESSAGES.noPeople })
  })

  it('refuses a file that is not UTF-8', () => {
    const windows1252 = Uint8Array.from([...utf8('name,email\nJos'), 0xe9, ...utf8(',jose@example.com\n')])
    expect(parseInvitationCsv(windows1252)).toEqual({ ok: false, error: INVITATION_CSV_MESSAGES.notUtf8 })
  })

  it('refuses an empty file, a header with nobody under it, and a file without the columns it needs', () => {
    expect(parseInvitationCsv(utf8(''))).toEqual({ ok: false, error: 'The selected file is empty' })
    expect(parseInvitationCsv(utf8(`${BOM}\r\n  \r\n`))).toEqual({ ok: false, error: 'The selected file is empty' })
    expect(parseInvitationCsv('name,email\n\n')).toEqual({ ok: false, error: INVITATION_CSV_MESSAGES.noPeople })
    expect(parseInvitationCsv('Sam Taylor,sam@example.com\n')).toEqual({ ok: false, error: INVITATION_CSV_MESSAGES.noHeader })
    expect(parseInvitationCsv('name,phone\nSam,07700 900982\n')).toEqual({
      ok: false,
      error: 'The first row of the file must have a column called email',
    })
    expect(parseInvitationCsv('email\nsam@example.com\n')).toEqual({ ok: false, error: 'The first row of the file must have a column called name' })
    expect(parseInvitationCsv('name,email,Email address\nSam,a@example.com,b@example.com\n')).toEqual({
      ok: false,
      error: 'The first row of the file has more than one column called email',
    })
  })

  it('refuses a file it cannot read as CSV, naming the line', () => {
    expect(parseInvitationCsv('name,email\nSam,sam@example.com\n"Jo,jo@example.com\n')).toEqual({
      ok: false,
      error: 'The selected file could not be read as a CSV: check the quote marks on line 3',
    })
  })

  it('reports each row with problems, and does not invite it', () => {
    const csv = ok(
      parseInvitationCsv(
        [
          'name,email,phone,note',
          'Sam Taylor,sam@example.com,,',
          ',jo@example.com,,',
          'Ali Khan,ali.example.com,,',
          'Kim Lee,kim@example.com,not a phone,',
          `Pat Doe,pat@example.com,,${'x'.repeat(1001)}`,
          'Lee, Chris,chris@example.com,,',
          ' , , , ',
        ].join('\n'),
      ),
    )
    expect(csv.people.map((person) => person.row)).toEqual([2])
    expect(rowErrorLines(csv.rowErrors)).toEqual([
      'Row 3, name column: Enter their name',
      'Row 4, email column: Enter an email address in the correct format, like name@example.com',
      'Row 5, phone column: Enter a phone number, like 07700 900 982 or +44 7700 900 982',
      'Row 6, note column: The note must be 1,000 characters or fewer',
      'Row 7: This row has more values than the first row has columns: put quote marks around any value with a comma in it',
    ])
    expect(csv.rowErrors[1]).toEqual({
      row: 4,
      problems: [{ field: 'email', message: 'Enter an email address in the correct format, like name@example.com' }],
    })
  })

  it('invites an address once when it is in the file twice, and reports the later rows', () => {
    const csv = ok(
      parseInvitationCsv('name,email\nSam,sam@example.com\nJo,jo@example.com\nSam T,SAM@example.com\nBad,jo@example.com,extra\nSam again,sam@example.com\n'),
    )
    expect(csv.people.map((person) => person.email)).toEqual(['sam@example.com', 'jo@example.com'])
    expect(rowErrorLines(csv.rowErrors)).toEqual([
      'Row 4, email column: This email address is already in row 2 of the file',
      'Row 5: This row has more values than the first row has columns: put quote marks around any value with a comma in it',
      'Row 6, email column: This email address is already in row 2 of the file',
    ])
  })

  it('does not count a row with problems as the first of its address', () => {
    const csv = ok(parseInvitationCsv('name,email,phone\nSam,sam@example.com,nope\nSam,sam@example.com,07700 900982\n'))
    expect(csv.people.map((person) => person.row)).toEqual([3])
    expect(rowErrorLines(csv.rowErrors)).toEqual(['Row 2, phone column: Enter a phone number, like 07700 900 982 or +44 7700 900 982'])
  })

  it('reports people already invited to the programme instead of inviting them again', () => {
    const csv = withoutAlreadyInvited(
      ok(parseInvitationCsv('name,email\nSam,sam@example.com\nJo,jo@example.com\nbad,bad\n')),
      new Set(['jo@example.com']),
    )
    expect(ok(csv).people.map((person) => person.email)).toEqual(['sam@example.com'])
    expect(rowErrorLines(ok(csv).rowErrors)).toEqual([
      'Row 3, email column: This person has already been invited to this programme',
      'Row 4, email column: Enter an email address in the correct format, like name@example.com',
    ])
  })

  it('takes 1,000 people, and refuses 1,001 (blank rows not counted)', () => {
    const file = (n: number) =>
      ['name,email', ...Array.from({ length: n }, (_, i) => `Person ${i},person${i}@example.com`), '', ''].join('\n')
    expect(ok(parseInvitationCsv(file(1000))).people).toHaveLength(1000)
    expect(parseInvitationCsv(file(1001))).toEqual({
      ok: false,
      error: 'The selected file has 1,001 people in it. Upload 1,000 or fewer at a time',
    })
  })
})
