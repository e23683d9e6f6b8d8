// The age of a value ("updated 5 s ago"), split into a unit and a whole count so that the
// message files of each language can word it.

/**
 * Returns how long ago an ISO-8601 instant was, relative to `now` (milliseconds since the epoch),
 * as `{ unit: 'seconds' | 'minutes' | 'hours' | 'days', count }`, or null without an instant.
 * Counts are whole units, rounded down; a time slightly in the future (clock skew) counts as 0 s.
 */
export function describeAge(isoInstant, now) {
  if (!isoInstant) {
    return null
  }
  const then = Date.parse(isoInstant)
  if (Number.isNaN(then)) {
    return null
  }
  const seconds = Math.max(0, Math.floor((now - then) / 1000))
  if (seconds < 60) {
    return { unit: 'seconds', count: seconds }
  }
  const minutes = Math.floor(seconds / 60)
  if (minutes < 60) {
    return { unit: 'minutes', count: minutes }
  }
  const hours = Math.floor(minutes / 60)
  if (hours < 24) {
    return { unit: 'hours', count: hours }
  }
  return { unit: 'days', count: Math.floor(hours / 24) }
}

/** Ages below this many seconds read "updated just now" rather than a count of seconds. */
const JUST_NOW_SECONDS = 5

/**
 * Returns the message key of an age under `age.*` in the message files, such as "age.seconds",
 * or "age.now" for an age of less than five seconds.
 */
export function ageMessageKey(age) {
  if (age === null) {
    return 'age.never'
  }
  return age.unit === 'seconds' && age.count < JUST_NOW_SECONDS ? 'age.now' : `age.${age.unit}`
}
