import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope, nextTick, ref } from 'vue'
import { useQualityCheck } from './useQualityCheck.js'

function deferredFetch() {
  const calls = []
  const fetchStub = vi.fn((path, init) => {
    return new Promise((resolve, reject) => {
      calls.push({ body: JSON.parse(init.body), resolve, signal: init.signal })
      init.signal?.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' })))
    })
  })
  return { calls, fetchStub }
}

function respond(call, report) {
  call.resolve(new Response(JSON.stringify(report), { status: 200, headers: { 'Content-Type': 'application/json' } }))
}

describe('useQualityCheck', () => {
  let scope

  beforeEach(() => {
    vi.useFakeTimers()
  })

  afterEach(() => {
    scope?.stop()
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })

  it('waits for a pause in typing before checking', async () => {
    const fake = deferredFetch()
    vi.stubGlobal('fetch', fake.fetchStub)
    const draft = ref({ objective: { title: 'O' }, keyResults: [] })
    scope = effectScope()
    scope.run(() => useQualityCheck(draft))

    draft.value = { objective: { title: 'Ob' }, keyResults: [] }
    await nextTick()
    vi.advanceTimersByTime(200)
    draft.value = { objective: { title: 'Obj' }, keyResults: [] }
    await nextTick()
    vi.advanceTimersByTime(299)
    expect(fake.calls).toHaveLength(0)

    vi.advanceTimersByTime(1)
    expect(fake.calls).toHaveLength(1)
    expect(fake.calls[0].body.objective.title).toBe('Obj')
  })

  it('aborts a stale request and keeps the newer report', async () => {
    const fake = deferredFetch()
    vi.stubGlobal('fetch', fake.fetchStub)
    const draft = ref({ objective: { title: 'first' }, keyResults: [] })
    scope = effectScope()
    const check = scope.run(() => useQualityCheck(draft))
    vi.advanceTimersByTime(300)
    expect(fake.calls).toHaveLength(1)

    draft.value = { objective: { title: 'second' }, keyResults: [] }
    await nextTick()
    expect(fake.calls[0].signal.aborted).toBe(true)
    vi.advanceTimersByTime(300)
    respond(fake.calls[1], { score: 90, findings: [] })
    await vi.waitFor(() => expect(check.report.value?.score).toBe(90))

    expect(check.error.value).toBeNull()
    expect(check.pending.value).toBe(false)
  })
})
