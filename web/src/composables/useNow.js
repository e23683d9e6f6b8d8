import { onScopeDispose, ref } from 'vue'

// One timer for the whole page, running only while some component uses it.
const now = ref(Date.now())
let users = 0
let timer = null

const TICK_MS = 1000

/** Returns a ref with the current time in milliseconds that updates every second. */
export function useNow() {
  users += 1
  if (timer === null) {
    now.value = Date.now()
    timer = setInterval(() => {
      now.value = Date.now()
    }, TICK_MS)
  }
  onScopeDispose(() => {
    users -= 1
    if (users === 0) {
      clearInterval(timer)
      timer = null
    }
  })
  return now
}
