// Match strength of a draft's sources. The draft API reports each library and OKR source with the
// BM25 score of the search that found it. BM25 scores have no fixed scale and only rank hits of the
// same index, so a source is judged against the best score of its kind in the same draft.

/** Share of the best score from which a source counts as a strong match. */
export const STRONG_MATCH = 0.8
/** Share of the best score from which a source counts as a good match. Below it, a source is a weak match. */
export const GOOD_MATCH = 0.5

/**
 * Returns the best score of each source type ("library", "okr") among the sources of `proposals`
 * and of their key results. Types without a scored source are left out.
 */
export function bestSourceScores(proposals) {
  const best = {}
  const sources = proposals.flatMap((proposal) => [
    ...(proposal.sources ?? []),
    ...(proposal.keyResults ?? []).flatMap((keyResult) => keyResult.sources ?? []),
  ])
  for (const source of sources) {
    if (typeof source.score === 'number' && !(source.score <= best[source.type])) {
      best[source.type] = source.score
    }
  }
  return best
}

/**
 * Returns "strong", "good" or "weak" for a BM25 `score` relative to `best`, the best score of its
 * kind in the draft, or null without a score or a positive best score.
 */
export function matchStrength(score, best) {
  if (typeof score !== 'number' || typeof best !== 'number' || !(best > 0)) {
    return null
  }
  // NOTE: the best score may come from a search of the whole strategy text while `score` comes
  // from the search of one phrase, whose shorter query scores lower for an equally close match.
  const share = score / best
  if (share >= STRONG_MATCH) {
    return 'strong'
  }
  return share >= GOOD_MATCH ? 'good' : 'weak'
}
