import { computed, toValue } from 'vue'
import { newObjectiveScoreDrop } from '../lib/newObjectiveScore.js'
import { useCycleStore } from '../stores/cycles.js'
import { useBoard } from './useBoard.js'

/**
 * Follows the live board of unit `unitId` and returns, as a computed `{ before, after, cycle }`
 * or null, the drop of the unit's score that a new objective in `cycleId` causes (see
 * newObjectiveScoreDrop). Both arguments are refs or getters.
 */
export function useNewObjectiveScoreDrop(unitId, cycleId) {
  const cycles = useCycleStore()
  const { state } = useBoard(computed(() => `unit:${toValue(unitId)}`))
  return computed(() => newObjectiveScoreDrop(state.value, toValue(unitId), cycles.cycles, toValue(cycleId), new Date().toISOString().slice(0, 10)))
}
