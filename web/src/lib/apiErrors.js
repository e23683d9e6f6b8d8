// Readers of the REST API's error responses: per-field messages and the two kinds of conflict.

/** Returns the server's messages per field name ({title: "...", "milestones[0].title": "..."}). */
export function fieldMessages(error) {
  const messages = {}
  for (const entry of error?.fields ?? []) {
    if (entry?.field && messages[entry.field] === undefined) {
      messages[entry.field] = entry.message
    }
  }
  return messages
}

/** True for 409 `stale_version`: another person saved the entity after this person read it. */
export function isStaleVersion(error) {
  return error?.status === 409 && error.code === 'stale_version'
}

/**
 * Returns {current, currentVersion} from a 409 `stale_version`: the entity as stored now and its
 * version, for showing next to the person's values. Returns null for any other error.
 */
export function staleConflict(error) {
  if (!isStaleVersion(error)) {
    return null
  }
  return { current: error.details?.current ?? {}, currentVersion: error.details?.currentVersion ?? null }
}

/** True for 409 `alignment_loop`: the change would make a node its own ancestor. */
export function isAlignmentLoop(error) {
  return error?.status === 409 && error.code === 'alignment_loop'
}

/** Returns the keys of an alignment loop in order, closed by repeating the first key. */
export function loopPath(error) {
  const loop = Array.isArray(error?.details?.loop) ? error.details.loop : []
  if (loop.length === 0) {
    return []
  }
  return loop[0] === loop.at(-1) && loop.length > 1 ? loop : [...loop, loop[0]]
}
