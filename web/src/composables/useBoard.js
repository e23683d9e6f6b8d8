import { computed, onScopeDispose, shallowRef, toValue, watch } from 'vue'
import { useLiveClient } from '../live/injection.js'

/** How long a changed member stays highlighted, in milliseconds. */
export const HIGHLIGHT_MS = 2500

/**
 * Follows a live board such as `unit:<id>`, given as a ref, getter or string. Subscribes when
 * the name is set, moves to the new board when it changes, and unsubscribes when the calling
 * scope (usually the component) is disposed.
 *
 * Returns refs: `state` (board state or null before the first snapshot), `error` ({code,
 * message} from the server, or null), `version` (board version or null), and
 * `isHighlighted(id)`, true for a member that changed within HIGHLIGHT_MS.
 */
export function useBoard(boardName) {
  const client = useLiveClient()
  const state = shallowRef(null)
  const error = shallowRef(null)
  const highlighted = shallowRef(new Set())
  const highlightTimers = new Map()
  let unsubscribe = null

  function highlight(ids) {
    if (ids.length === 0) {
      return
    }
    const next = new Set(highlighted.value)
    for (const id of ids) {
      next.add(id)
      clearTimeout(highlightTimers.get(id))
      highlightTimers.set(id, setTimeout(() => endHighlight(id), HIGHLIGHT_MS))
    }
    highlighted.value = next
  }

  function endHighlight(id) {
    highlightTimers.delete(id)
    const next = new Set(highlighted.value)
    next.delete(id)
    highlighted.value = next
  }

  function clearHighlights() {
    for (const handle of highlightTimers.values()) {
      clearTimeout(handle)
    }
    highlightTimers.clear()
    highlighted.value = new Set()
  }

  function follow(board) {
    unsubscribe?.()
    unsubscribe = null
    state.value = null
    error.value = null
    clearHighlights()
    if (!board) {
      return
    }
    unsubscribe = client.subscribe(board, {
      onUpdate(next, change) {
        const first = state.value === null
        state.value = next
        error.value = null
        if (!first) {
          highlight(change.changedIds)
        }
      },
      onError(reported) {
        error.value = reported
      },
    })
  }

  watch(() => toValue(boardName), follow, { immediate: true })

  onScopeDispose(() => {
    unsubscribe?.()
    unsubscribe = null
    clearHighlights()
  })

  return {
    state,
    error,
    version: computed(() => state.value?.version ?? null),
    isHighlighted: (id) => highlighted.value.has(id),
  }
}
