import { watch } from 'vue'
import { keyFromTitle } from '../lib/objectiveForm.js'

/**
 * Fills `form.key` from `form.title` while a new node is being created and the person has not
 * typed a key of their own. Returns `markKeyEdited`, the key input's input handler.
 */
export function useKeyFromTitle(form, creating) {
  let keyEdited = !creating()
  watch(
    () => form.title,
    (title) => {
      if (creating() && !keyEdited) {
        form.key = keyFromTitle(title ?? '')
      }
    },
  )
  return {
    markKeyEdited() {
      keyEdited = true
    },
  }
}
