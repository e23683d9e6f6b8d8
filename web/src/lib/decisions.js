// Pure rules for the decision trail page: which page a decision's subject opens, and which part
// of its evidence the list shows.

import { nodeRoute, signalSubject } from './signals.js'

/** Every kind the server records, in the order the kind filter lists them. */
export const DECISION_KINDS = [
  'signal.action',
  'quality.finding',
  'draft.generated',
  'draft.proposal',
  'brief.generated',
  'llm.request',
  'llm.response',
]

/**
 * Decision words that only repeat the label of their kind ("Draft generated: generated"), by
 * kind. The page shows the kind alone for these.
 */
const DECISIONS_REPEATING_KIND = {
  'draft.generated': 'generated',
  'brief.generated': 'generated',
  'llm.request': 'requested',
}

/** Maximum length of an evidence summary in characters. Longer texts are cut and end in "…". */
const MAX_SUMMARY_LENGTH = 240

/**
 * Returns the route of the page that shows a decision's subject, or null for a subject without
 * a page (drafts, LLM requests). A signal's subject opens the trail filtered to that signal,
 * because signals have no page of their own. The page links a signal action by its node instead
 * (signalNode) and uses this route for the smaller trail link.
 */
export function subjectRoute(entry) {
  const id = entry?.subjectId
  if (!id) {
    return null
  }
  switch (entry.subjectType) {
    case 'key_result':
      return { name: 'key-result', params: { id } }
    case 'objective':
      return { name: 'impact', params: { nodeId: id } }
    case 'unit':
      return { name: 'unit', params: { unitId: id } }
    case 'signal':
      return { name: 'decisions', query: { ref: id } }
    default:
      return null
  }
}

/**
 * Returns a one-line summary of what the person was shown when deciding: a signal's explanation,
 * a finding's reason, the key result text of a finding, a draft's strategy, else null. Texts
 * longer than MAX_SUMMARY_LENGTH are cut.
 */
export function evidenceSummary(entry) {
  const evidence = entry?.evidence ?? {}
  const candidates = [evidence.explanation, evidence.why, evidence.keyResultText, evidence.title, evidence.strategy]
  const text = candidates.find((value) => typeof value === 'string' && value.trim() !== '')
  if (text === undefined) {
    return null
  }
  const line = text.trim().replace(/\s+/g, ' ')
  return line.length > MAX_SUMMARY_LENGTH ? `${line.slice(0, MAX_SUMMARY_LENGTH - 1)}…` : line
}

/**
 * Returns the filters of the trail page from its query (?kind=, ?subjectId=, ?nodeId=, ?ref=),
 * leaving out a kind the server does not know, so a stale link still lists the trail. `nodeId`
 * lists the decisions about a node together with the actions on its signals.
 */
export function trailFilters(query) {
  const text = (value) => (typeof value === 'string' && value !== '' ? value : null)
  const kind = text(query?.kind)
  return {
    kind: DECISION_KINDS.includes(kind) ? kind : null,
    subjectId: text(query?.subjectId),
    nodeId: text(query?.nodeId),
    ref: text(query?.ref),
  }
}

/**
 * Returns the node a signal action is about, from the signal as its evidence recorded it, as
 * `{ id, kind, title, route }`, or null for other kinds and for signals without a node (a stale
 * source). `title` is null when the recorded signal carried no title or key.
 */
export function signalNode(entry) {
  if (entry?.kind !== 'signal.action') {
    return null
  }
  const node = signalSubject(entry.evidence)
  return node === null ? null : { ...node, route: nodeRoute(node) }
}

/**
 * Returns the end of a snooze as an ISO-8601 string for a `snoozed` entry, else null. The server
 * records it in the evidence (the signal as it was after the action), and an entry field of the
 * same name takes precedence.
 */
export function snoozedUntil(entry) {
  if (entry?.decision !== 'snoozed') {
    return null
  }
  const until = entry.snoozedUntil ?? entry.evidence?.snoozedUntil
  return typeof until === 'string' && until !== '' ? until : null
}

/** Returns whether an entry's decision word only repeats its kind, as "generated" does for a generated draft. */
export function decisionRepeatsKind(entry) {
  return Object.hasOwn(DECISIONS_REPEATING_KIND, entry?.kind ?? '') && DECISIONS_REPEATING_KIND[entry.kind] === entry.decision
}
