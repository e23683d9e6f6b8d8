// PATCH bodies that carry only what the person changed, so that a retry after a stale version
// does not overwrite fields another person changed in the meantime.

/**
 * Returns the fields of `body` whose value differs from `original` (compared as JSON, with a
 * missing value read as null). Milestones are compared by title, weight and done only.
 */
export function changedFields(original, body) {
  const changes = {}
  for (const [field, value] of Object.entries(body)) {
    if (comparable(field, value) !== comparable(field, original[field])) {
      changes[field] = value
    }
  }
  return changes
}

/**
 * Returns the PATCH body of an edited key result: the changed fields, or the whole body when the
 * measurement kind changes, because the fields of the new kind are checked together.
 */
export function keyResultChanges(original, body) {
  return body.measurement !== original.measurement ? body : changedFields(original, body)
}

function comparable(field, value) {
  if (field === 'milestones' && Array.isArray(value)) {
    return JSON.stringify(value.map((milestone) => ({ title: milestone.title, weight: Number(milestone.weight ?? 1), done: Boolean(milestone.done) })))
  }
  return JSON.stringify(value ?? null)
}
