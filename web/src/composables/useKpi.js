import { ref, shallowRef, toValue, watch } from 'vue'
import * as keyResultsApi from '../api/keyResults.js'
import * as kpisApi from '../api/kpis.js'

/**
 * Loads a KPI (given as a ref or getter of its id) with its history, driver tree and the key
 * results that follow it. Each part loads on its own, so a missing history does not hide the
 * driver tree: `errors` contains the failure per part ({kpi, history, driverTree, keyResults}).
 */
export function useKpi(kpiId) {
  const kpi = shallowRef(null)
  const history = shallowRef(null)
  const driverTree = shallowRef(null)
  const keyResults = shallowRef([])
  const loading = ref(false)
  const errors = ref({})
  let loadCount = 0

  async function load(id) {
    if (!id) {
      return
    }
    const ticket = ++loadCount
    loading.value = true
    kpi.value = null
    history.value = null
    driverTree.value = null
    keyResults.value = []
    errors.value = {}

    const parts = {
      kpi: kpisApi.getKpi(id),
      history: kpisApi.fetchKpiHistory(id),
      driverTree: kpisApi.fetchDriverTree(id),
      keyResults: keyResultsApi.listKeyResults({ kpi: id }),
    }
    const names = Object.keys(parts)
    const results = await Promise.allSettled(Object.values(parts))
    if (ticket !== loadCount) {
      return
    }

    const failures = {}
    results.forEach((result, index) => {
      const name = names[index]
      if (result.status === 'rejected') {
        failures[name] = result.reason
        return
      }
      if (name === 'kpi') {
        kpi.value = result.value
      } else if (name === 'history') {
        history.value = result.value
      } else if (name === 'driverTree') {
        driverTree.value = result.value
      } else {
        keyResults.value = result.value.filter((keyResult) => keyResult.kpiId === null || keyResult.kpiId === id)
      }
    })
    errors.value = failures
    loading.value = false
  }

  watch(() => toValue(kpiId), load, { immediate: true })

  return { kpi, history, driverTree, keyResults, loading, errors, reload: () => load(toValue(kpiId)) }
}
