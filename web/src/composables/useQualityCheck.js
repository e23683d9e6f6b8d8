import { onScopeDispose, ref, shallowRef, toValue, watch } from 'vue'
import { checkQuality } from '../api/quality.js'

/** Pause after the last keystroke before a check is sent, in milliseconds. */
export const QUALITY_CHECK_DELAY_MS = 300

/**
 * Checks a draft (a ref or getter of the quality-check request body) while the person types. A
 * check starts `delay` ms after the last change; a draft of null sends nothing and clears the
 * report. A newer change aborts the request still in
 * flight, so a stale report never replaces a newer one. `report` is the last result or null, and
 * `error` the last failure (an ApiError) or null.
 */
export function useQualityCheck(draft, { delay = QUALITY_CHECK_DELAY_MS } = {}) {
  const report = shallowRef(null)
  const error = shallowRef(null)
  const pending = ref(false)
  let timer = null
  let controller = null

  function cancel() {
    clearTimeout(timer)
    timer = null
    controller?.abort()
    controller = null
  }

  async function run(body) {
    const own = new AbortController()
    controller = own
    try {
      const result = await checkQuality(body, { signal: own.signal })
      if (controller === own) {
        report.value = result
        error.value = null
      }
    } catch (failure) {
      if (failure?.name !== 'AbortError' && controller === own) {
        error.value = failure
      }
    } finally {
      if (controller === own) {
        controller = null
        pending.value = false
      }
    }
  }

  watch(
    () => JSON.stringify(toValue(draft)),
    (text) => {
      cancel()
      const body = JSON.parse(text ?? 'null')
      if (body === null) {
        report.value = null
        error.value = null
        pending.value = false
        return
      }
      pending.value = true
      timer = setTimeout(() => run(body), delay)
    },
    { immediate: true },
  )

  onScopeDispose(cancel)

  return { report, error, pending }
}
