import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createTestApp, mountWithApp } from '../testing/mountWithApp.js'
import { useUnitOkrs } from './useUnitOkrs.js'

const STORED = {
  id: 'o-new',
  key: 'grow-repeat-orders',
  kind: 'objective',
  title: 'Grow repeat orders',
  unitId: 'u-checkout',
  cycleId: 'c-q4',
  version: 1,
}

function json(body, status = 200) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

/**
 * Returns a server whose first response to the unit's objective list waits until the test
 * releases it, as a slow first load does. Every other list is empty, and a created objective is STORED.
 */
function slowFirstObjectiveList(firstList) {
  let release
  const held = new Promise((resolve) => {
    release = resolve
  })
  let objectiveLists = 0
  async function fetchStub(path, init = {}) {
    const method = init.method ?? 'GET'
    const bare = path.split('?')[0]
    if (method === 'POST' && bare === '/api/v1/objectives') {
      return json(STORED, 201)
    }
    if (method === 'GET' && bare === '/api/v1/objectives' && path.includes('unit=')) {
      objectiveLists += 1
      if (objectiveLists === 1) {
        await held
        return json({ items: firstList, nextCursor: null })
      }
    }
    return json({ items: [], nextCursor: null })
  }
  return { fetchStub, release: () => release() }
}

// Runs useUnitOkrs in the setup of a bare component, as the editor page does.
function runUseUnitOkrs() {
  let okrs
  const wrapper = mountWithApp(
    {
      setup() {
        okrs = useUnitOkrs('u-checkout', 'c-q4', ['c-q4'])
        return () => null
      },
    },
    createTestApp(),
  )
  return { okrs, scope: { stop: () => wrapper.unmount() } }
}

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('useUnitOkrs', () => {
  it('keeps an objective saved while the first load was still running', async () => {
    const server = slowFirstObjectiveList([])
    vi.stubGlobal('fetch', server.fetchStub)
    const { okrs, scope } = runUseUnitOkrs()

    const stored = await okrs.saveObjective(null, { key: STORED.key, title: STORED.title })
    server.release()
    await flushPromises()

    expect(stored.id).toBe('o-new')
    expect(okrs.objectives.value.map((objective) => objective.id)).toEqual(['o-new'])
    scope.stop()
  })

  it('keeps the newer saved version over an older loaded one', async () => {
    const server = slowFirstObjectiveList([{ ...STORED, title: 'Old title', version: 0 }])
    vi.stubGlobal('fetch', server.fetchStub)
    const { okrs, scope } = runUseUnitOkrs()

    await okrs.saveObjective(null, { key: STORED.key, title: STORED.title })
    server.release()
    await flushPromises()

    expect(okrs.objectives.value).toHaveLength(1)
    expect(okrs.objectives.value[0].title).toBe('Grow repeat orders')
    scope.stop()
  })

  it('takes the loaded list when no save happened during the load', async () => {
    const server = slowFirstObjectiveList([{ ...STORED, id: 'o-old', title: 'Cut churn' }])
    vi.stubGlobal('fetch', server.fetchStub)
    const { okrs, scope } = runUseUnitOkrs()

    server.release()
    await flushPromises()

    expect(okrs.objectives.value.map((objective) => objective.title)).toEqual(['Cut churn'])
    scope.stop()
  })
})
