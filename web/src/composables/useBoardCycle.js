import { computed, onScopeDispose, shallowRef, toValue, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { cycleScope } from '../lib/cycleScope.js'
import { useLiveClient } from '../live/injection.js'
import { useCycleStore } from '../stores/cycles.js'

/**
 * Tracks the cycle a live board shows. That is the switcher's cycle once one was chosen (in the
 * switcher or by ?cycle= in the address). Until then there is none, and the board shows every
 * current cycle as before.
 *
 * Returns `scope` (a cycleScope over the board's cycles, or null), `chosenCycle` (the chosen
 * cycle or null) and `showCurrent()`, which drops the choice and the address parameter.
 */
export function useBoardCycle(state) {
  const store = useCycleStore()
  const route = useRoute()
  const router = useRouter()

  const scope = computed(() => {
    const board = toValue(state)
    if (!board || !store.chosen || !store.selectedId) {
      return null
    }
    return cycleScope(board.cycles, store.selectedId)
  })

  function showCurrent() {
    store.followToday()
    if (route.query.cycle !== undefined) {
      const { cycle, ...query } = route.query
      router.replace({ query })
    }
  }

  return { scope, chosenCycle: computed(() => scope.value?.cycle ?? null), showCurrent }
}

/**
 * Follows the unit boards of several units at once (for the portfolio's scores of a chosen
 * cycle). `unitIds` is a ref or getter of an id list; an empty list subscribes to nothing. Returns
 * a shallow ref of `{ [unitId]: boardState }` with the boards received so far; a board the server
 * refused is `{ error }` instead.
 */
export function useUnitBoards(unitIds) {
  const client = useLiveClient()
  const states = shallowRef({})
  const subscriptions = new Map()

  function follow(ids) {
    const followed = new Set(ids ?? [])
    for (const [id, unsubscribe] of subscriptions) {
      if (!followed.has(id)) {
        unsubscribe()
        subscriptions.delete(id)
        const { [id]: dropped, ...rest } = states.value
        states.value = rest
      }
    }
    for (const id of followed) {
      if (!subscriptions.has(id)) {
        subscriptions.set(id, client.subscribe(`unit:${id}`, {
          onUpdate(next) {
            states.value = { ...states.value, [id]: next }
          },
          onError(error) {
            states.value = { ...states.value, [id]: { error } }
          },
        }))
      }
    }
  }

  watch(() => [...(toValue(unitIds) ?? [])].join(','), () => follow(toValue(unitIds)), { immediate: true })

  onScopeDispose(() => {
    for (const unsubscribe of subscriptions.values()) {
      unsubscribe()
    }
    subscriptions.clear()
  })

  return states
}
