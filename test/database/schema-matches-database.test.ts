import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import pg from 'pg'
import { get_dmmf } from '@prisma/prisma-schema-wasm'
import { createTestDatabase } from '../support/database.js'

/**
 * schema.prisma is what the code is typed against; the SQL migrations are what
 * the database is. Prisma's own schema parser reads the first, the catalogue
 * the second, and every field must have its column with the same type and
 * nullability (and every column its field).
 */

interface DmmfField {
  name: string
  dbName?: string | null
  kind: 'scalar' | 'object' | 'enum' | 'unsupported'
  type: string
  isList: boolean
  isRequired: boolean
  nativeType?: [string, string[]] | null
}
interface DmmfModel {
  name: string
  dbName: string | null
  fields: DmmfField[]
}
interface DmmfEnum {
  name: string
  dbName?: string | null
}

const dmmf = JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: readFileSync('prisma/schema.prisma', 'utf8') })))
const models: DmmfModel[] = dmmf.datamodel.models
const enums: DmmfEnum[] = dmmf.datamodel.enums

interface Column {
  table_name: string
  column_name: string
  data_type: string
  udt_name: string
  is_nullable: 'YES' | 'NO'
  datetime_precision: number | null
}

/** The PostgreSQL type Prisma expects for a field, as information_schema names it (udt_name). */
function expectedUdt(field: DmmfField): string {
  if (field.kind === 'enum') {
    const enumDef = enums.find((e) => e.name === field.type)
    return `${field.isList ? '_' : ''}${enumDef?.dbName ?? field.type}`
  }
  const native = field.nativeType?.[0]
  const byNative: Record<string, string> = {
    Uuid: 'uuid',
    Timestamptz: 'timestamptz',
    Timestamp: 'timestamp',
    Date: 'date',
    Text: 'text',
    VarChar: 'varchar',
    Citext: 'citext',
    Inet: 'inet',
    JsonB: 'jsonb',
    SmallInt: 'int2',
  }
  const byType: Record<string, string> = {
    String: 'text',
    Int: 'int4',
    BigInt: 'int8',
    Boolean: 'bool',
    DateTime: 'timestamp',
    Float: 'float8',
    Decimal: 'numeric',
    Json: 'jsonb',
    Bytes: 'bytea',
  }
  const base = (native && byNative[native]) ?? byType[field.type]
  if (!base) throw new Error(`No expected type for ${field.name}: ${field.type}`)
  return field.isList ? `_${base}` : base
}

function unsupportedUdt(field: DmmfField): string {
  return field.type.replace(/^Unsupported\("(.*)"\)$/, '$1').replace(/^(.*)$/, (t) => t)
}

describe('schema.prisma and the migrated database', () => {
  let columns: Column[]
  let client: pg.Client

  beforeAll(async () => {
    client = new pg.Client({ connectionString: await createTestDatabase() })
    await client.connect()
    const result = await client.query<Column>(
      `SELECT table_name, column_name, data_type, udt_name, is_nullable, datetime_precision
         FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
    )
    columns = result.rows
  })
  afterAll(async () => {
    await client.end()
  })

  it('has models to compare', () => {
    expect(models.length).toBeGreaterThan(0)
  })

  for (const model of models) {
    const table = model.dbName ?? model.name
    describe(`${model.name} (${table})`, () => {
      for (const field of model.fields.filter((f) => f.kind !== 'object')) {
        const columnName = field.dbName ?? field.name
        it(`${field.name} has column ${columnName} of the same type and nullability`, () => {
          const column = columns.find((c) => c.table_name === table && c.column_name === columnName)
          expect(column, `${table}.${columnName} is missing`).toBeDefined()
          if (!column) return
          const expected = field.kind === 'unsupported' ? unsupportedUdt(field) : expectedUdt(field)
          expect(column.udt_name, `${table}.${columnName} type`).toBe(expected)
          const nullable = !field.isRequired && !field.isList
          expect(column.is_nullable, `${table}.${columnName} nullability`).toBe(nullable ? 'YES' : 'NO')
          const precision = field.nativeType?.[1]?.[0]
          if (precision !== undefined && column.datetime_precision !== null) {
            expect(column.datetime_precision).toBe(Number(precision))
          }
        })
      }

      it('has no column without a field', () => {
        const fieldColumns = model.fields.filter((f) => f.kind !== 'object').map((f) => f.dbName ?? f.name)
        const tableColumns = columns.filter((c) => c.table_name === table).map((c) => c.column_name)
        expect(tableColumns.sort()).toEqual(fieldColumns.sort())
      })
    })
  }

  it('has no table without a model', () => {
    const tables = new Set(columns.map((c) => c.table_name))
    expect([...tables].sort()).toEqual(models.map((m) => m.dbName ?? m.name).sort())
  })
})
