// The period and the rows of a node's History section, which compares the node and the nodes
// aligned directly below it at two instants.

/** Length of the period shown when the address names no start. */
export const DEFAULT_PERIOD_DAYS = 30

const DAY_MS = 24 * 60 * 60 * 1000

function parseInstant(text) {
  if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}T/.test(text)) {
    return null
  }
  const time = Date.parse(text)
  return Number.isNaN(time) ? null : new Date(time)
}

/**
 * Reads the period from the query parameters `from` and `to` (ISO 8601 date-times). A missing
 * `to` is `now`, and a missing `from` is DEFAULT_PERIOD_DAYS before `to`. Returns {from, to,
 * defaulted} with ISO instants, or {error: {code, field, value}}: code `invalid` for a
 * parameter that is not a date-time, `reversed` when `from` is not before `to`.
 */
export function historyPeriod(query, now) {
  const parsed = {}
  for (const field of ['from', 'to']) {
    const raw = Array.isArray(query[field]) ? query[field][0] : query[field]
    if (raw === undefined || raw === null || raw === '') {
      continue
    }
    parsed[field] = parseInstant(raw)
    if (parsed[field] === null) {
      return { error: { code: 'invalid', field, value: String(raw) } }
    }
  }
  const to = parsed.to ?? new Date(now)
  const from = parsed.from ?? new Date(to.getTime() - DEFAULT_PERIOD_DAYS * DAY_MS)
  if (from.getTime() >= to.getTime()) {
    return { error: { code: 'reversed', field: 'from', value: from.toISOString() } }
  }
  return { from: from.toISOString(), to: to.toISOString(), defaulted: parsed.from === undefined }
}

/**
 * Pairs the node and the nodes aligned directly below it at the two instants. `before` and
 * `after` are as-of responses, or null when the node did not exist then. Returns rows {id, kind,
 * title, root, before, after}, where `before` and `after` are the node's board JSON then or
 * null; the node comes first, then the others by title.
 */
export function historyRows(nodeId, before, after) {
  const rows = new Map()
  for (const [instant, answer] of [['before', before], ['after', after]]) {
    for (const node of answer?.nodes ?? []) {
      if (node.id !== nodeId && node.parentId !== nodeId) {
        continue
      }
      if (!rows.has(node.id)) {
        rows.set(node.id, { id: node.id, kind: node.kind, title: node.title, root: node.id === nodeId, before: null, after: null })
      }
      const row = rows.get(node.id)
      row[instant] = node
      // The newer title is the one people know the node by now.
      if (instant === 'after') {
        row.title = node.title
      }
    }
  }
  return [...rows.values()].sort((left, right) => {
    if (left.root !== right.root) {
      return left.root ? -1 : 1
    }
    return left.title.localeCompare(right.title)
  })
}
