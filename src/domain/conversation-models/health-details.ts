/** Shown on every notes form, above the fields. */
export const healthDetailsWarning =
  'Do not record health details. Leave out anything about the physical or mental health of the candidate ' +
  'or anyone else, even if they talk about it. If their health shapes their plans, write down only what ' +
  'they want, for example "looking for a role with regular daytime hours".'
