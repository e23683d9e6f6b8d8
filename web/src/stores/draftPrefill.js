import { defineStore } from 'pinia'
import { computed, ref } from 'vue'

/**
 * Carries an accepted draft proposal from the drafts page to the OKR editor of the same unit and
 * cycle. The editor opens the new-objective form with the proposal's title and, after each save,
 * the new-key-result form with the next drafted key result. Nothing is created until the person saves.
 */
export const useDraftPrefillStore = defineStore('draftPrefill', () => {
  const pending = ref(null)
  const objectiveId = ref(null)
  const nextIndex = ref(0)

  const keyResult = computed(() => pending.value?.proposal.keyResults[nextIndex.value] ?? null)
  const keyResultCount = computed(() => pending.value?.proposal.keyResults.length ?? 0)

  /** Remembers `proposal` for the editor of `unitId` in `cycleId`, replacing an earlier one. */
  function offer(unitId, cycleId, proposal) {
    pending.value = { unitId, cycleId, proposal }
    objectiveId.value = null
    nextIndex.value = 0
  }

  /** Returns the pending proposal when it is for this unit and cycle, else null. */
  function proposalFor(unitId, cycleId) {
    const current = pending.value
    return current && current.unitId === unitId && current.cycleId === cycleId ? current.proposal : null
  }

  /** Notes the objective the proposal was saved as; its key results are offered next. */
  function objectiveSaved(id) {
    objectiveId.value = id
    nextIndex.value = 0
  }

  /** Moves to the next drafted key result; clears the store after the last one. */
  function advance() {
    nextIndex.value += 1
    if (nextIndex.value >= keyResultCount.value) {
      clear()
    }
  }

  function clear() {
    pending.value = null
    objectiveId.value = null
    nextIndex.value = 0
  }

  return { pending, objectiveId, nextIndex, keyResult, keyResultCount, offer, proposalFor, objectiveSaved, advance, clear }
})
