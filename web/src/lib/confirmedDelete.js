import { isStaleVersion } from './apiErrors.js'

/**
 * Builds the handler of a confirmed delete in a list. It deletes the item in `deleting` with the
 * version the person read. Then it sets `notice` to the deleted or stale text, or keeps any other
 * error in `actionFailure`. It reloads the list in every case.
 *
 * @param {object} refs `deleting`, `notice` and `actionFailure` refs of the list
 * @param {object} steps `remove(id, version)`, `deletedText(item)`, `staleText(item)` and `reload()`
 */
export function confirmedDelete({ deleting, notice, actionFailure }, { remove, deletedText, staleText, reload }) {
  return async function confirmDelete() {
    const item = deleting.value
    actionFailure.value = null
    try {
      await remove(item.id, item.version)
      notice.value = deletedText(item)
    } catch (error) {
      if (isStaleVersion(error)) {
        notice.value = staleText(item)
      } else {
        actionFailure.value = error
      }
    }
    deleting.value = null
    await reload()
  }
}
