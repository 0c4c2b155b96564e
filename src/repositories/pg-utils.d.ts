/** pg's own conversion of a parameter's value to the text it sends (pg/lib/utils.js; not in @types/pg). */
declare module 'pg/lib/utils.js' {
  const utils: {
    prepareValue(value: unknown): string | Buffer | null
  }
  export default utils
}
