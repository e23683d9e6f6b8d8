// Goal statuses: the order in which boards list them and the colours that show them.
// A status is always shown with its text label as well, never by colour alone.

export const STATUSES = ['on_track', 'at_risk', 'off_track', 'pending', 'closed']

// Attention order for lists and counts: what needs action first, then the rest.
const ATTENTION_ORDER = ['off_track', 'at_risk', 'on_track', 'pending', 'closed']

// Severity of the scored statuses, from best to worst, as the rollup engine ranks them.
const SEVERITY = { on_track: 0, at_risk: 1, off_track: 2 }

/**
 * Colours per status: `fill` for bars and chips, `text` for text on that fill.
 * Each pair has a contrast ratio of at least 4.5:1 (WCAG AA for normal text).
 */
export const STATUS_COLOURS = {
  on_track: { fill: '#1b7a3a', text: '#ffffff' },
  at_risk: { fill: '#f0b400', text: '#1c1c1c' },
  off_track: { fill: '#c0262d', text: '#ffffff' },
  pending: { fill: '#c9ced6', text: '#1c1c1c' },
  closed: { fill: '#3d434c', text: '#ffffff' },
}

const UNKNOWN_COLOURS = { fill: '#e6e8ec', text: '#1c1c1c' }

/** Returns the fill and text colours of a status; an unknown status gets a neutral pair. */
export function statusColours(status) {
  return STATUS_COLOURS[status] ?? UNKNOWN_COLOURS
}

/** Compares two statuses for sorting in attention order: off_track first, closed last. */
export function compareByAttention(left, right) {
  return attentionRank(left) - attentionRank(right)
}

function attentionRank(status) {
  const index = ATTENTION_ORDER.indexOf(status)
  return index === -1 ? ATTENTION_ORDER.length : index
}

/**
 * Returns the worst scored status of a list (off_track > at_risk > on_track).
 * Pending and closed entries are left out unless nothing else is there; an empty list is pending.
 */
export function worstStatus(statuses) {
  let worst = null
  for (const status of statuses) {
    if (status in SEVERITY && (worst === null || SEVERITY[status] > SEVERITY[worst])) {
      worst = status
    }
  }
  if (worst !== null) {
    return worst
  }
  return statuses.length > 0 && statuses.every((status) => status === 'closed') ? 'closed' : 'pending'
}

/** Returns the statuses of a counts object ({on_track: n, ...}) with a count, in attention order. */
export function countsInAttentionOrder(counts) {
  if (!counts) {
    return []
  }
  return ATTENTION_ORDER.filter((status) => (counts[status] ?? 0) > 0).map((status) => ({
    status,
    count: counts[status],
  }))
}

/**
 * Returns the counts of a unit score that the "n of m objectives on track" line does not name
 * (every status but on track with a count), in attention order.
 */
export function countsBesideOnTrack(counts) {
  return countsInAttentionOrder(counts).filter((entry) => entry.status !== 'on_track')
}

/**
 * Returns the line that counts how many of a unit's objectives are on track, such as "1 of 3
 * objectives on track", worded by `t`; a score without objectives gives "no objectives".
 */
export function onTrackOfText(score, t) {
  const total = score?.objectives ?? 0
  if (total === 0) {
    return t('portfolio.objectiveCount', 0)
  }
  return t('portfolio.onTrackOf', { onTrack: score.counts?.on_track ?? 0, count: total }, total)
}
