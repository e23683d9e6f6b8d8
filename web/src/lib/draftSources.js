// Match strength of a draft's sources. The draft API reports each library and OKR source with the
// BM25 score of the search that found it. BM25 scores have no fixed scale and only rank hits of the
// same search, so the API adds `relativeScore`, the score as a share of that search's best score.

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
 * Returns how close a source is as `{ share, basis }`: its `relativeScore` with the basis "search",
 * else its score over `best` (the best score of its type in the draft) with the basis "draft".
 * Returns null for a source without a score or without a positive best score.
 */
export function scoreShare(source, best) {
  if (typeof source.relativeScore === 'number') {
    return { share: source.relativeScore, basis: 'search' }
  }
  if (typeof source.score !== 'number' || typeof best !== 'number' || !(best > 0)) {
    return null
  }
  // NOTE: without `relativeScore` (a key result found through a translated library example), the
  // best score of the draft may come from a search with another query, whose scores run higher.
  return { share: Math.min(1, source.score / best), basis: 'draft' }
}

/** Returns "strong", "good" or "weak" for a share of the best score. */
export function matchStrength(share) {
  if (share >= STRONG_MATCH) {
    return 'strong'
  }
  return share >= GOOD_MATCH ? 'good' : 'weak'
}
