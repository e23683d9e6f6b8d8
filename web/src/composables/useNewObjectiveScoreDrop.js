import { computed, toValue } from 'vue'
import { newObjectiveScoreDrop, parentScoreDrop } from '../lib/newObjectiveScore.js'
import { useCycleStore } from '../stores/cycles.js'
import { useBoard } from './useBoard.js'

/**
 * Follows the live board of unit `unitId` and returns, as a computed `{ before, after, cycle,
 * parent }` or null, the drop of the unit's score that a new objective in `cycleId` causes (see
 * newObjectiveScoreDrop). `parent` returns the new objective's parent objective as `{ id,
 * rollupChildren, weight }`, with `weight` the new objective's contribution weight, or null
 * without one. While it is set, the parent's goal board is followed too, and the result's
 * `parent` is the parent's drop as `{ before, after, title }` (see parentScoreDrop), else null.
 * All arguments are refs or getters.
 */
export function useNewObjectiveScoreDrop(unitId, cycleId, parent = () => null) {
  const cycles = useCycleStore()
  const { state } = useBoard(computed(() => `unit:${toValue(unitId)}`))
  const parentId = computed(() => toValue(parent)?.id ?? null)
  const { state: parentState } = useBoard(computed(() => (parentId.value ? `goal:${parentId.value}` : null)))
  return computed(() => {
    const chosen = toValue(parent)
    const parentDrop = chosen ? parentScoreDrop(parentState.value, chosen.id, chosen.rollupChildren ?? null, chosen.weight) : null
    const today = new Date().toISOString().slice(0, 10)
    const lowered = parentDrop ? { id: chosen.id, after: parentDrop.after } : null
    const drop = newObjectiveScoreDrop(state.value, toValue(unitId), cycles.cycles, toValue(cycleId), today, lowered)
    return drop === null ? null : { ...drop, parent: parentDrop }
  })
}
