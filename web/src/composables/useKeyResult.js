import { ref, shallowRef, toValue, watch } from 'vue'
import * as checkInsApi from '../api/checkIns.js'
import * as keyResultsApi from '../api/keyResults.js'
import * as objectivesApi from '../api/objectives.js'

/**
 * Loads a key result (given as a ref or getter of its id) with its objective, its value and
 * confidence history and its check-ins. `errors` contains the failure per part ({keyResult,
 * objective, history, checkIns}), so one missing part does not hide the others.
 */
export function useKeyResult(keyResultId) {
  const keyResult = shallowRef(null)
  const objective = shallowRef(null)
  const history = shallowRef(null)
  const checkIns = shallowRef([])
  const loading = ref(false)
  const errors = ref({})
  let loadCount = 0

  async function load(id) {
    if (!id) {
      return
    }
    const ticket = ++loadCount
    loading.value = true
    errors.value = {}
    keyResult.value = null
    objective.value = null
    history.value = null
    checkIns.value = []

    const failures = {}
    const [keyResultResult, historyResult, checkInsResult] = await Promise.allSettled([
      keyResultsApi.getKeyResult(id),
      keyResultsApi.fetchKeyResultHistory(id),
      checkInsApi.listCheckIns(id),
    ])
    if (ticket !== loadCount) {
      return
    }

    if (keyResultResult.status === 'fulfilled') {
      keyResult.value = keyResultResult.value
    } else {
      failures.keyResult = keyResultResult.reason
    }
    if (historyResult.status === 'fulfilled') {
      history.value = historyResult.value
    } else {
      failures.history = historyResult.reason
    }
    if (checkInsResult.status === 'fulfilled') {
      checkIns.value = checkInsResult.value
    } else {
      failures.checkIns = checkInsResult.reason
    }

    if (keyResult.value?.objectiveId) {
      try {
        const parent = await objectivesApi.getObjective(keyResult.value.objectiveId)
        if (ticket === loadCount) {
          objective.value = parent
        }
      } catch (error) {
        failures.objective = error
      }
    }
    if (ticket === loadCount) {
      errors.value = failures
      loading.value = false
    }
  }

  watch(() => toValue(keyResultId), load, { immediate: true })

  return { keyResult, objective, history, checkIns, loading, errors }
}
