import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import unitSnapshot from '../__fixtures__/unit-board-snapshot.json'
import { createTestApp, mountWithApp } from '../testing/mountWithApp.js'
import { useCycleStore } from '../stores/cycles.js'
import { useSessionStore } from '../stores/session.js'
import UnitBoardPage from './UnitBoardPage.vue'

// The unit board of a chosen cycle, and the reasons its cards give for a status.

const TEAM_ID = 'u0000000-0000-4000-8000-00000000c0de'
const YEAR = 'c0000000-0000-4000-8000-000000002026'
const Q4 = 'c0000000-0000-4000-8000-000000000004'
const Q3 = { id: 'c0000000-0000-4000-8000-000000000003', key: '2026-q3', name: 'Q3 2026', kind: 'quarter', parentId: YEAR, start: '2026-07-01', end: '2026-09-30', closed: true }
const CYCLES = [...unitSnapshot.cycles, Q3]

let wrapper

function withNodes(change) {
  return { ...unitSnapshot, cycles: CYCLES, nodes: unitSnapshot.nodes.map((node) => change(node) ?? node) }
}

async function showBoard({ cycle = null, snapshot = withNodes(() => null), locale = 'en' } = {}) {
  const app = createTestApp({ locale })
  useSessionStore().user = { id: 'u-1', name: 'Olivia Owner', email: 'olivia@example.test', orgId: 'acme' }
  const cycles = useCycleStore()
  cycles.cycles = CYCLES
  cycles.loaded = true
  await app.router.push(cycle ? `/units/${TEAM_ID}?cycle=${cycle}` : `/units/${TEAM_ID}`)
  wrapper = mountWithApp(UnitBoardPage, app, { props: { unitId: TEAM_ID } })
  app.sockets.latest.acceptConnection()
  app.sockets.latest.deliver(snapshot)
  await flushPromises()
  return app
}

function objectiveKeys(selector) {
  return wrapper.get(selector).findAll('article').map((card) => card.attributes('data-testid'))
}

afterEach(() => {
  wrapper?.unmount()
  wrapper = null
})

describe('unit board of a chosen cycle', () => {
  it('shows every current cycle without a choice', async () => {
    const app = await showBoard()
    expect(app.router.currentRoute.value.query.cycle).toBeUndefined()
    expect(wrapper.get('[data-testid="board-cycle"]').text()).toBe('Showing every current cycle')
    expect(wrapper.get('[data-testid="unit-score"]').text()).toContain('Unit score')
    expect(wrapper.find('[data-testid^="cycle-section-"]').exists()).toBe(false)
  })

  it('shows the quarter from the address with its score', async () => {
    await showBoard({ cycle: Q4 })
    expect(wrapper.get('[data-testid="board-cycle"]').text()).toContain('Showing quarter Q4 2026')
    expect(objectiveKeys('[data-testid="cycle-section-2026-q4"]')).toEqual(['objective-checkout-delight', 'objective-reliable-payments'])
    const score = wrapper.get('[data-testid="unit-score"]')
    expect(score.text()).toContain('Unit score in Q4 2026')
    expect(score.attributes('data-progress')).toBe('0.6298')
  })

  it('shows the year objectives apart from the quarter', async () => {
    await showBoard({ cycle: Q4, snapshot: withNodes((node) => (node.key === 'reliable-payments' ? { ...node, cycleId: YEAR } : null)) })
    expect(objectiveKeys('[data-testid="cycle-section-2026-q4"]')).toEqual(['objective-checkout-delight'])
    expect(objectiveKeys('[data-testid="enclosing-objectives"]')).toEqual(['objective-reliable-payments'])
    expect(wrapper.get('[data-testid="unit-score"]').attributes('data-progress')).toBe('0.5321')
  })

  it('shows a year with its quarters', async () => {
    await showBoard({ cycle: YEAR, snapshot: withNodes((node) => (node.key === 'reliable-payments' ? { ...node, cycleId: YEAR } : null)) })
    expect(objectiveKeys('[data-testid="cycle-section-2026"]')).toEqual(['objective-reliable-payments'])
    expect(objectiveKeys('[data-testid="cycle-section-2026-q4"]')).toEqual(['objective-checkout-delight'])
    expect(wrapper.get('[data-testid="unit-score"]').attributes('data-progress')).toBe('0.6298')
  })

  it('says a cycle has no objectives', async () => {
    await showBoard({ cycle: Q3.id })
    expect(wrapper.get('[data-testid="no-objectives-in-cycle"]').text()).toBe('No objectives in this cycle')
    expect(wrapper.get('[data-testid="hidden-objectives"]').text()).toBe('2 objectives of other cycles are not shown.')
  })

  it('says a cycle has no objectives in German', async () => {
    await showBoard({ cycle: Q3.id, locale: 'de' })
    expect(wrapper.get('[data-testid="no-objectives-in-cycle"]').text()).toBe('Keine Ziele in diesem Zyklus')
  })

  it('hides a delta of another cycle', async () => {
    const app = await showBoard({ cycle: Q3.id })
    const payments = unitSnapshot.nodes.find((node) => node.key === 'reliable-payments')
    app.sockets.latest.deliver({
      type: 'delta',
      board: unitSnapshot.board,
      from: unitSnapshot.version,
      version: unitSnapshot.version + 1,
      nodes: [{ ...payments, progress: 0.9, version: payments.version + 1 }],
    })
    await flushPromises()
    expect(wrapper.get('[data-testid="board-version"]').attributes('data-version')).toBe(String(unitSnapshot.version + 1))
    expect(wrapper.find('[data-testid="objective-reliable-payments"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="hidden-objectives"]').text()).toBe('2 objectives of other cycles are not shown.')
  })

  it('moves the score when a delta of the cycle arrives', async () => {
    const app = await showBoard({ cycle: Q4 })
    const payments = unitSnapshot.nodes.find((node) => node.key === 'reliable-payments')
    app.sockets.latest.deliver({
      type: 'delta',
      board: unitSnapshot.board,
      from: unitSnapshot.version,
      version: unitSnapshot.version + 1,
      nodes: [{ ...payments, progress: 0.9, version: payments.version + 1 }],
    })
    await flushPromises()
    // (0.5321 + 0.9) / 2 = 0.71605, rounded half up.
    expect(wrapper.get('[data-testid="unit-score"]').attributes('data-progress')).toBe('0.7161')
  })

  it('follows the switcher and writes the cycle into the address', async () => {
    const app = await showBoard()
    await wrapper.get('[data-testid="cycle-quarter"]').setValue(Q3.id)
    await flushPromises()
    expect(app.router.currentRoute.value.query.cycle).toBe(Q3.id)
    expect(wrapper.get('[data-testid="no-objectives-in-cycle"]').exists()).toBe(true)
  })

  it('goes back to every current cycle', async () => {
    const app = await showBoard({ cycle: Q4 })
    await wrapper.get('[data-testid="show-current-cycles"]').trigger('click')
    await flushPromises()
    expect(useCycleStore().chosen).toBe(false)
    expect(app.router.currentRoute.value.query.cycle).toBeUndefined()
    expect(wrapper.find('[data-testid^="cycle-section-"]').exists()).toBe(false)
  })
})

describe('status reasons on the unit board', () => {
  function reasons(testId) {
    return wrapper.get(`[data-testid="${testId}"]`).findAll('[data-testid="status-reason"]').map((item) => item.text())
  }

  const lowConfidence = (node) => (node.key === 'checkout-latency' ? { ...node, confidence: 3, status: 'off_track' } : null)

  it('names low confidence on a key result at 100 %', async () => {
    await showBoard({ snapshot: withNodes(lowConfidence) })
    expect(reasons('kr-checkout-latency')).toEqual(['Confidence 3/10 sets off track'])
  })

  it('names low confidence in German', async () => {
    await showBoard({ snapshot: withNodes(lowConfidence), locale: 'de' })
    expect(reasons('kr-checkout-latency')).toEqual(['Zuversicht 3/10 setzt auf „Nicht im Plan“'])
  })

  it('says a key result is pending', async () => {
    await showBoard()
    expect(reasons('kr-pci-audit-passed')).toEqual(['Pending: no value yet, so it does not count as on track'])
  })

  it('says a key result is stale', async () => {
    await showBoard()
    expect(reasons('kr-one-click-reorder')).toEqual(['Stale: no check-in or measurement for longer than the stale period'])
  })

  it('names the worst key result of an objective', async () => {
    await showBoard()
    const card = wrapper.get('[data-testid="objective-checkout-delight"] .head')
    expect(card.findAll('[data-testid="status-reason"]').map((item) => item.text())).toEqual([
      'Off track because of its key result “Ship one-click reorder”',
    ])
  })

  it('gives no reason where the number explains the status', async () => {
    await showBoard()
    expect(reasons('kr-checkout-conversion')).toEqual([])
    expect(wrapper.get('[data-testid="objective-reliable-payments"] .head').find('[data-testid="status-reason"]').exists()).toBe(false)
  })
})
