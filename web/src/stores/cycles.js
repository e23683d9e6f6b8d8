import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import * as cyclesApi from '../api/cycles.js'
import { cyclePath, defaultCycleId } from '../lib/cycles.js'

/** Stores the organisation's cycles and the one the person works in, for every page. */
export const useCycleStore = defineStore('cycles', () => {
  const cycles = ref([])
  const selectedId = ref(null)
  const loaded = ref(false)
  const loadError = ref(null)
  // True once the person (or an address with ?cycle=) chose the cycle; false while the store
  // follows today's default. Boards show every current cycle until a cycle is chosen.
  const chosen = ref(false)
  let loading = null

  const selected = computed(() => cycles.value.find((cycle) => cycle.id === selectedId.value) ?? null)
  const selectedPath = computed(() => cyclePath(cycles.value, selectedId.value))

  /**
   * Loads the cycles once (later calls share the first request) and selects `requestedId` when
   * it names a cycle, else keeps the current choice, else picks the default for today.
   */
  async function loadCycles(requestedId = null, today = new Date().toISOString().slice(0, 10)) {
    if (!loaded.value) {
      loading ??= cyclesApi.listCycles().then(
        (list) => {
          cycles.value = list
          loaded.value = true
          loadError.value = null
        },
        (error) => {
          loadError.value = error
          loading = null
        },
      )
      await loading
    }
    if (requestedId && findCycle(requestedId)) {
      // A page that writes the default into its address requests the cycle already selected;
      // that is no choice of the person's.
      if (requestedId !== selectedId.value) {
        chosen.value = true
      }
      selectedId.value = requestedId
    } else if (!findCycle(selectedId.value)) {
      selectedId.value = defaultCycleId(cycles.value, today)
    }
    return selected.value
  }

  /** Loads the cycles again after a change, keeping the chosen cycle when it still exists. */
  async function refreshCycles() {
    loaded.value = false
    loading = null
    return loadCycles(selectedId.value)
  }

  /** Makes `cycleId` the chosen cycle; an id that names no loaded cycle is ignored. */
  function chooseCycle(cycleId) {
    if (findCycle(cycleId)) {
      selectedId.value = cycleId
      chosen.value = true
    }
  }

  /** Goes back to the default cycle for today and marks the choice as not made. */
  function followToday(today = new Date().toISOString().slice(0, 10)) {
    selectedId.value = defaultCycleId(cycles.value, today)
    chosen.value = false
  }

  function findCycle(cycleId) {
    return cycleId ? cycles.value.find((cycle) => cycle.id === cycleId) : undefined
  }

  /** Returns the cycle with this id, or null. */
  function cycleById(cycleId) {
    return findCycle(cycleId) ?? null
  }

  return {
    cycles, selectedId, selected, selectedPath, loaded, loadError, chosen,
    loadCycles, refreshCycles, chooseCycle, followToday, cycleById,
  }
})
