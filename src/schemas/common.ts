import { Type, type TSchema } from 'typebox'

/** The schema, or null. */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])

/** The error body every API route can answer with (see the error handler). */
export const ErrorBody = Type.Object(
  {
    error: Type.String({ description: 'A stable code, e.g. slot_unavailable' }),
    message: Type.String({ description: 'For people' }),
    requestId: Type.String(),
    fields: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
  },
  { $id: 'ErrorBody' },
)
