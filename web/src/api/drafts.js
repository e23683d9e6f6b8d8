import { requestJson } from './http.js'

/**
 * Asks for a draft: {strategy, unitId, cycleId, language (of the proposals, null to detect),
 * uiLanguage (of the page, in which findings are explained), useModel}. Returns {draftId,
 * language, proposals, dropped, notes, uncovered, model}; each proposal and key result has sources.
 */
export async function generateDraft({ strategy, unitId, cycleId, language, uiLanguage, useModel }) {
  const body = { strategy, unitId, cycleId, useModel: Boolean(useModel) }
  if (language) {
    body.language = language
  }
  if (uiLanguage) {
    body.uiLanguage = uiLanguage
  }
  return requestJson('POST', '/api/v1/assist/drafts', body)
}

/** Returns a library example ({id, function, language, objective, keyResults}) that a proposal cites. */
export async function getLibraryExample(id) {
  return requestJson('GET', `/api/v1/assist/drafts/library/${encodeURIComponent(id)}`)
}

/** Reasons a person can pick when rejecting a proposal. */
export const REJECTION_REASONS = ['not_relevant', 'wrong_numbers', 'already_covered', 'other']

/**
 * Records in the decision trail that the person accepted or rejected a proposal of a draft. The
 * evidence is what the person saw: the proposal's titles, numbers and source ids. A rejection may
 * carry `rejection` ({reason: one of REJECTION_REASONS or null, note: free text or ''}), which the
 * evidence keeps; the note is also the entry's reason.
 */
export async function decideProposal(draftId, proposal, decision, rejection = null) {
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
  if (rejection) {
    const note = rejection.note?.trim() ?? ''
    evidence.rejection = { reason: rejection.reason ?? null, note }
    if (note) {
      body.reason = note
    }
  }
  return requestJson('POST', '/api/v1/decisions', body)
}
