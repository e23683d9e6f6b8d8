import { computed, inject, provide, toValue } from 'vue'
import { useI18n } from 'vue-i18n'
import { signalsOfNode, signalsOfUnit, sourceText } from '../lib/signals.js'

const FRESHNESS = Symbol('board freshness')

/**
 * Makes a board's signals and source labels available to the cards below the calling component.
 * `state` is the board state (a ref or getter), as useBoard returns it.
 */
export function provideBoardFreshness(state) {
  const board = computed(() => toValue(state))
  provide(FRESHNESS, board)
  return board
}

/**
 * Returns `signalsOf(nodeId)` (the unresolved signals that concern a node), `signalsOfUnit(unitId)`
 * (those that concern a node of a unit) and
 * `sourceName(source)` (a readable name for a value source) for the board provided above, or
 * for no board: no signals, and sources named by their kind or URI.
 */
export function useBoardFreshness() {
  const board = inject(FRESHNESS, null)
  const { t } = useI18n()
  return {
    signalsOf: (nodeId) => (board?.value ? signalsOfNode(board.value, nodeId) : []),
    signalsOfUnit: (unitId) => (board?.value ? signalsOfUnit(board.value, unitId) : []),
    sourceName: (source) => sourceText(source, board?.value?.sources ?? null, t),
  }
}
