/** Where every part of the service reads the time; tests pass a clock they can move. */
export interface Clock {
  now(): Date
}

export const systemClock: Clock = {
  now: () => new Date(),
}
