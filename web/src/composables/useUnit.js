import { shallowRef, watch } from 'vue'
import { getUnit } from '../api/units.js'

/**
 * Returns a ref of the unit `unitId()` names, loaded again when the id changes. The ref is null
 * while loading and when the unit cannot be read, because the pages that show a unit's name work
 * without it.
 */
export function useUnit(unitId) {
  const unit = shallowRef(null)
  watch(
    unitId,
    async (id) => {
      unit.value = null
      try {
        unit.value = await getUnit(id)
      } catch {
        // The page then shows its generic title.
      }
    },
    { immediate: true },
  )
  return unit
}
