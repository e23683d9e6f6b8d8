import { requestJson } from './http.js'

/**
 * Asks for a draft: {strategy, unitId, cycleId, language (null to detect), useModel}. Returns
 * {draftId, language, proposals, dropped, notes, model}; each proposal and key result has sources.
 */
export async function generateDraft({ strategy, unitId, cycleId, language, useModel }) {
  const body = { strategy, unitId, cycleId, useModel: Boolean(useModel) }
  if (language) {
    body.language = language
  }
  return requestJson('POST', '/api/v1/assist/drafts', body)
}

/** Returns a library example ({id, function, language, objective, keyResults}) that a proposal cites. */
export async function getLibraryExample(id) {
  return requestJson('GET', `/api/v1/assist/drafts/library/${encodeURIComponent(id)}`)
}

/**
 * Records in the decision trail that the person accepted or rejected a proposal of a draft. The
 * evidence is what the person saw: the proposal's titles, numbers and source ids.
 */
export async function decideProposal(draftId, proposal, decision, reason = null) {
  const evidence = {
    proposalId: proposal.id,
    title: proposal.title,
    score: proposal.check?.score ?? null,
    sources: proposal.sources.map((source) => ({ type: source.type, id: source.id })),
    keyResults: proposal.keyResults.map((kr) => ({
      id: kr.id,
      title: kr.title,
      start: kr.start,
      target: kr.target,
      unit: kr.unit,
      sources: kr.sources.map((source) => ({ type: source.type, id: source.id })),
    })),
  }
  const body = { kind: 'draft.proposal', subjectType: 'draft', subjectId: draftId, decision, evidence, ref: draftId }
  if (reason) {
    body.reason = reason
  }
  return requestJson('POST', '/api/v1/decisions', body)
}
