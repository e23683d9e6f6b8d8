import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { useConnectionStore } from './connection.js'

// A live client stand-in whose status and errors the test emits by hand.
function fakeClient() {
  const statusListeners = new Set()
  const errorListeners = new Set()
  return {
    status: 'idle',
    onStatus(listener) {
      statusListeners.add(listener)
      return () => statusListeners.delete(listener)
    },
    onError(listener) {
      errorListeners.add(listener)
      return () => errorListeners.delete(listener)
    },
    emitStatus(report) {
      statusListeners.forEach((listener) => listener(report))
    },
    emitError(error) {
      errorListeners.forEach((listener) => listener(error))
    },
  }
}

beforeEach(() => {
  setActivePinia(createPinia())
})

describe('connection store', () => {
  it('mirrors the status of the client', () => {
    const store = useConnectionStore()
    const client = fakeClient()
    store.followClient(client)
    client.emitStatus({ status: 'reconnecting', failedAttempts: 2, retryAt: 1234 })
    expect(store.status).toBe('reconnecting')
    expect(store.failedAttempts).toBe(2)
    expect(store.retryAt).toBe(1234)
  })

  it('stops mirroring after stop', () => {
    const store = useConnectionStore()
    const client = fakeClient()
    const stop = store.followClient(client)
    stop()
    client.emitStatus({ status: 'live', failedAttempts: 0, retryAt: null })
    expect(store.status).toBe('idle')
  })

  it('records a repeated error once', () => {
    const store = useConnectionStore()
    const client = fakeClient()
    store.followClient(client)
    client.emitError({ code: 'invalid_message', message: 'Not JSON', board: null })
    client.emitError({ code: 'invalid_message', message: 'Not JSON', board: null })
    expect(store.errors).toHaveLength(1)
  })

  it('removes a dismissed error', () => {
    const store = useConnectionStore()
    store.reportError({ code: 'unknown_type', message: 'x' })
    store.dismissError(store.errors[0].id)
    expect(store.errors).toEqual([])
  })
})
