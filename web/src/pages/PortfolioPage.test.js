import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import portfolioSnapshot from '../__fixtures__/portfolio-snapshot.json'
import { useSessionStore } from '../stores/session.js'
import { DEMO_USER } from '../testing/fakeFetch.js'
import { createTestApp, mountWithApp } from '../testing/mountWithApp.js'
import PortfolioPage from './PortfolioPage.vue'

let wrapper

async function showPortfolio(locale = 'en', snapshot = portfolioSnapshot) {
  const app = createTestApp({ locale })
  const session = useSessionStore()
  session.user = DEMO_USER
  session.checked = true
  wrapper = mountWithApp(PortfolioPage, app)
  app.sockets.latest.acceptConnection()
  app.sockets.latest.deliver(snapshot)
  await flushPromises()
  return app
}

const YEAR = 'c0000000-0000-4000-8000-000000002026'

/** Returns the portfolio snapshot with the company's objectives moved from Q4 to the year. */
function companyObjectivesInYear() {
  return {
    ...portfolioSnapshot,
    units: portfolioSnapshot.units.map((unit) => (unit.key === 'acme' ? { ...unit, objectives: 2 } : unit)),
    nodes: portfolioSnapshot.nodes.map((node) => (node.kind === 'objective' ? { ...node, cycleId: YEAR } : node)),
  }
}

afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  vi.useRealTimers()
})

describe('portfolio page', () => {
  it('subscribes to the portfolio of the organisation', async () => {
    const app = await showPortfolio()
    expect(app.sockets.latest.sentMessages[0]).toEqual({ type: 'subscribe', board: 'portfolio:acme' })
  })

  it('shows every unit as a tile with score and status', async () => {
    await showPortfolio()
    const tile = wrapper.get('[data-testid="unit-checkout-squad"]')
    expect(tile.get('[data-testid="percent"]').text()).toBe('63.0 %')
    expect(tile.get('[data-testid="status"]').text()).toBe('Off track')
    expect(tile.text()).toContain('lowest confidence 3/10')
    expect(wrapper.findAll('[data-testid^="unit-"]')).toHaveLength(7)
  })

  it('says how many objectives are on track, then the others in attention order', async () => {
    await showPortfolio()
    const tile = wrapper.get('[data-testid="unit-digital-commerce"]')
    expect(tile.get('[data-testid="on-track-of"]').text()).toBe('1 of 3 objectives on track')
    const counts = tile.findAll('[data-testid^="count-"]')
    expect(counts.map((count) => count.text())).toEqual(['· 1 off track', '· 1 at risk'])
  })

  it('writes status counts in lower case in German', async () => {
    await showPortfolio('de')
    const tile = wrapper.get('[data-testid="unit-digital-commerce"]')
    const counts = tile.findAll('[data-testid^="count-"]')
    expect(counts.map((count) => count.text())).toEqual(['· 1 nicht im Plan', '· 1 gefährdet'])
    expect(tile.get('[data-testid="status"]').text()).toBe('Gefährdet')
  })

  it('names the cycles the company tile counts', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-12-05T10:00:00Z'))
    await showPortfolio('en', companyObjectivesInYear())
    const company = wrapper.get('[data-testid="unit-acme"]')
    expect(company.get('[data-testid="cycle-counts"]').text()).toBe('2 objectives in 2026 · no objectives of its own in Q4 2026')
    expect(wrapper.get('[data-testid="unit-checkout-squad"]').find('[data-testid="cycle-counts"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="board-cycle"]').text()).toBe('Showing every current cycle: 2026, Q4 2026')
  })

  it('names the cycles the company tile counts in German', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-12-05T10:00:00Z'))
    await showPortfolio('de', companyObjectivesInYear())
    const counts = wrapper.get('[data-testid="unit-acme"] [data-testid="cycle-counts"]')
    expect(counts.text()).toBe('2 Ziele in 2026 · keine eigenen Ziele in Q4 2026')
    expect(wrapper.get('[data-testid="board-cycle"]').text()).toBe('Zeigt alle laufenden Zyklen: 2026, Q4 2026')
  })

  it('names the objective that sets the company tile at risk', async () => {
    await showPortfolio()
    const reason = wrapper.get('[data-testid="unit-acme"] [data-testid="status-why"]')
    expect(reason.attributes('data-reason')).toBe('objectives')
    expect(reason.text()).toBe('1 objective at risk: Grow the online share of revenue')
  })

  it('counts the objectives behind a tile whose objectives it cannot see', async () => {
    await showPortfolio()
    const reason = wrapper.get('[data-testid="unit-checkout-squad"] [data-testid="status-why"]')
    expect(reason.text()).toBe('1 objective off track')
  })

  it('names the objective in German', async () => {
    await showPortfolio('de')
    const reason = wrapper.get('[data-testid="unit-acme"] [data-testid="status-why"]')
    expect(reason.text()).toBe('1 Ziel gefährdet: Grow the online share of revenue')
  })

  it('shows a unit without objectives as without score', async () => {
    await showPortfolio()
    expect(wrapper.get('[data-testid="unit-supply-chain"] [data-testid="percent"]').text()).toBe('no score')
  })

  it('links a tile to the board of its unit', async () => {
    await showPortfolio()
    const href = wrapper.get('[data-testid="unit-checkout-squad"]').attributes('href')
    expect(href).toBe('/units/u0000000-0000-4000-8000-00000000c0de')
  })

  it('shows strategic outcomes and company objectives with progress', async () => {
    await showPortfolio()
    const outcome = wrapper.get('[data-testid="node-loyal-customers"]')
    expect(outcome.get('[data-testid="percent"]').text()).toBe('60.1 %')
    expect(wrapper.find('[data-testid="node-grow-online-share"]').exists()).toBe(true)
  })

  it('moves a tile when its unit summary changes', async () => {
    const app = await showPortfolio()
    const unit = { ...portfolioSnapshot.units.find((u) => u.key === 'search-squad'), progress: 0.9, version: 10 }
    app.sockets.latest.deliver({ type: 'delta', board: 'portfolio:acme', from: 209, version: 210, units: [unit] })
    await flushPromises()
    const tile = wrapper.get('[data-testid="unit-search-squad"]')
    expect(tile.get('[data-testid="percent"]').text()).toBe('90.0 %')
    expect(tile.classes()).toContain('highlighted')
  })

  it('badges the tile of a unit a signal concerns', async () => {
    const app = await showPortfolio()
    const unitId = portfolioSnapshot.units.find((unit) => unit.key === 'checkout-squad').id
    app.sockets.latest.deliver({
      type: 'signal',
      board: 'portfolio:acme',
      signal: { id: 's-1', kind: 'stale_source', state: 'open', severity: 'warning', version: 1, nodeIds: [], unitIds: [unitId], raisedAt: '2026-12-04T10:00:00Z', explanation: 'Quiet.' },
    })
    await flushPromises()
    expect(wrapper.get('[data-testid="unit-checkout-squad"] [data-testid="signal-badge"]').text()).toBe('1 signal')
    expect(wrapper.findAll('[data-testid="signal"]')).toHaveLength(1)
  })
})
