import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import portfolioSnapshot from '../__fixtures__/portfolio-snapshot.json'
import unitSnapshot from '../__fixtures__/unit-board-snapshot.json'
import { useCycleStore } from '../stores/cycles.js'
import { useSessionStore } from '../stores/session.js'
import { DEMO_USER } from '../testing/fakeFetch.js'
import { createTestApp, mountWithApp } from '../testing/mountWithApp.js'
import PortfolioPage from './PortfolioPage.vue'

// The portfolio of a chosen cycle: unit tiles score the cycle from the unit boards.

const YEAR = 'c0000000-0000-4000-8000-000000002026'
const Q4 = 'c0000000-0000-4000-8000-000000000004'
const SEARCH_ID = 'u0000000-0000-4000-8000-0000000000t2'
const ACME_ID = 'u0000000-0000-4000-8000-0000000000a0'
const DIGITAL_ID = 'u0000000-0000-4000-8000-0000000000b1'
const STORES_ID = 'u0000000-0000-4000-8000-0000000000b2'
const CHECKOUT_ID = 'u0000000-0000-4000-8000-00000000c0de'
const STORE_OPS_ID = 'u0000000-0000-4000-8000-0000000000t3'
const SUPPLY_ID = 'u0000000-0000-4000-8000-0000000000t4'

let wrapper

async function showPortfolio(cycle, locale = 'en') {
  const app = createTestApp({ locale })
  const session = useSessionStore()
  session.user = DEMO_USER
  session.checked = true
  const cycles = useCycleStore()
  cycles.cycles = portfolioSnapshot.cycles
  cycles.loaded = true
  await app.router.push(cycle ? `/portfolio?cycle=${cycle}` : '/portfolio')
  wrapper = mountWithApp(PortfolioPage, app)
  app.sockets.latest.acceptConnection()
  app.sockets.latest.deliver(portfolioSnapshot)
  await flushPromises()
  return app
}

// Delivers the unit board of `unitId` with `objectives`, each `{ key, progress, status }` in `cycleId`.
function deliverUnitBoard(app, unitId, objectives, cycleId = Q4) {
  const nodes = objectives.map(({ key, progress, status }) => ({
    id: `o-${key}`, key, kind: 'objective', unitId, cycleId, progress, expected: 0.6, status, version: 1, updatedAt: '2026-12-04T10:00:00Z',
  }))
  app.sockets.latest.deliver({ type: 'snapshot', board: `unit:${unitId}`, version: 1, units: [], nodes, cycles: portfolioSnapshot.cycles })
}

function subscribedBoards(app) {
  return app.sockets.latest.sentMessages.filter((message) => message.type === 'subscribe').map((message) => message.board)
}

function tile(key) {
  return wrapper.get(`[data-testid="unit-${key}"]`)
}

afterEach(() => {
  wrapper?.unmount()
  wrapper = null
})

describe('portfolio of a chosen cycle', () => {
  it('follows no unit board without a choice', async () => {
    const app = await showPortfolio()
    expect(subscribedBoards(app)).toEqual(['portfolio:acme'])
    expect(tile('checkout-squad').get('[data-testid="percent"]').text()).toBe('63.0 %')
  })

  it('follows the unit boards of every unit', async () => {
    const app = await showPortfolio(Q4)
    expect(subscribedBoards(app)).toEqual(['portfolio:acme', ...portfolioSnapshot.units.map((unit) => `unit:${unit.id}`)])
  })

  it('scores a unit in the chosen cycle', async () => {
    const app = await showPortfolio(Q4)
    app.sockets.latest.deliver(unitSnapshot)
    await flushPromises()
    const checkout = tile('checkout-squad')
    expect(checkout.get('[data-testid="percent"]').attributes('data-progress')).toBe('0.6298')
    expect(checkout.get('[data-testid="tile-cycle"]').text()).toBe('Score in Q4 2026')
  })

  it('says a unit has no objectives in the cycle', async () => {
    const app = await showPortfolio(Q4)
    app.sockets.latest.deliver({ type: 'snapshot', board: `unit:${SEARCH_ID}`, version: 1, units: [], nodes: [], cycles: portfolioSnapshot.cycles })
    await flushPromises()
    expect(tile('search-squad').get('[data-testid="percent"]').text()).toBe('no objectives in this cycle')
    expect(tile('search-squad').find('[data-testid="status"]').exists()).toBe(false)
  })

  it('counts the year objectives beside an empty quarter', async () => {
    const app = await showPortfolio(Q4)
    const objectives = ['grow-online-share', 'store-cost-down'].map((key, index) => ({
      id: `o-${key}`, key, kind: 'objective', unitId: ACME_ID, cycleId: YEAR, progress: 0.5 + index / 10, expected: 0.9, status: 'at_risk', version: 1,
    }))
    app.sockets.latest.deliver({ type: 'snapshot', board: `unit:${ACME_ID}`, version: 1, units: [], nodes: objectives, cycles: portfolioSnapshot.cycles })
    for (const unit of portfolioSnapshot.units.filter((each) => each.id !== ACME_ID)) {
      deliverUnitBoard(app, unit.id, [])
    }
    await flushPromises()
    const company = tile('acme')
    expect(company.get('[data-testid="percent"]').text()).toBe('no objectives in this cycle')
    expect(company.get('[data-testid="cycle-counts"]').text()).toBe('2 objectives in 2026')
  })

  it.each([
    ['en', '70.2 % with its sub-units'],
    ['de', '70,2 % mit allen Untereinheiten'],
  ])('scores a unit without own objectives by its sub-units in %s', async (locale, expected) => {
    const app = await showPortfolio(Q4, locale)
    deliverUnitBoard(app, ACME_ID, [{ key: 'grow-online-share', progress: 0.1, status: 'off_track' }], YEAR)
    deliverUnitBoard(app, DIGITAL_ID, [])
    deliverUnitBoard(app, STORES_ID, [])
    deliverUnitBoard(app, SEARCH_ID, [{ key: 'find-faster', progress: 0.6, status: 'on_track' }])
    deliverUnitBoard(app, CHECKOUT_ID, [{ key: 'checkout-delight', progress: 0.8048, status: 'on_track' }])
    deliverUnitBoard(app, STORE_OPS_ID, [])
    deliverUnitBoard(app, SUPPLY_ID, [{ key: 'faster-restock', progress: 0.7, status: 'at_risk' }])
    await flushPromises()
    // The mean of the three Q4 objectives below the company, (0.6 + 0.8048 + 0.7) / 3; the
    // company's own year objective is not scored in Q4.
    const company = tile('acme').get('[data-testid="percent"]')
    expect(company.attributes('data-progress')).toBe('0.7016')
    expect(company.text()).toBe(expected)
    // The stores unit has no objectives in Q4 below it either.
    expect(tile('stores').get('[data-testid="percent"]').text()).toBe(locale === 'en' ? '70.0 % with its sub-units' : '70,0 % mit allen Untereinheiten')
    // A unit with objectives of its own keeps its own score.
    expect(tile('search-squad').get('[data-testid="percent"]').text()).toBe(locale === 'en' ? '60.0 %' : '60,0 %')
  })

  it('waits for the sub-unit boards of a unit without own objectives', async () => {
    const app = await showPortfolio(Q4)
    deliverUnitBoard(app, ACME_ID, [])
    await flushPromises()
    expect(tile('acme').get('[data-testid="tile-cycle"]').text()).toBe('loading the score of Q4 2026')
  })

  it('marks a unit whose board has not arrived', async () => {
    await showPortfolio(Q4)
    expect(tile('stores').get('[data-testid="tile-cycle"]').text()).toBe('loading the score of Q4 2026')
  })

  it('says when a unit board cannot be read', async () => {
    const app = await showPortfolio(Q4)
    app.sockets.latest.deliver({ type: 'error', board: `unit:${SEARCH_ID}`, code: 'board_not_found', message: 'Board not found' })
    await flushPromises()
    expect(tile('search-squad').get('[data-testid="percent"]').text()).toBe('score unavailable')
    expect(tile('search-squad').get('[data-testid="tile-cycle"]').text()).toBe('Score in Q4 2026')
  })

  it('shows company objectives of the quarter', async () => {
    await showPortfolio(Q4)
    expect(wrapper.get('[data-testid="company-objectives"]').findAll('li').map((row) => row.attributes('data-testid'))).toEqual([
      'node-grow-online-share',
      'node-store-cost-down',
    ])
    expect(wrapper.text()).toContain('Cycle Q4 2026')
  })

  it('shows the quarter objectives of the company for the year', async () => {
    await showPortfolio(YEAR)
    expect(wrapper.get('[data-testid="company-objectives"]').findAll('li')).toHaveLength(2)
    expect(wrapper.get('[data-testid="board-cycle"]').text()).toContain('Showing year 2026')
  })
})
