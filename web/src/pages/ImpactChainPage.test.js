import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { CONVERSION_CHAIN, outcomeRoutes } from '../__fixtures__/outcomeModel.js'
import { queryOf } from '../testing/fakeFetch.js'
import { mountPage } from '../testing/mountPage.js'
import ImpactChainPage from './ImpactChainPage.vue'

let wrapper
let fake
let app

async function openChain(extraRoutes = {}, locale = 'en') {
  ;({ wrapper, fake, app } = await mountPage(ImpactChainPage, {
    path: '/nodes/k-conversion/impact',
    props: { nodeId: 'k-conversion' },
    routes: outcomeRoutes({ 'GET /api/v1/impact-chains/k-conversion': { body: CONVERSION_CHAIN }, ...extraRoutes }),
    locale,
  }))
}

afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  vi.unstubAllGlobals()
})

describe('impact chain page', () => {
  it('asks for the chain in both directions', async () => {
    await openChain()
    expect(fake.requests.some((request) => request.path === '/api/v1/impact-chains/k-conversion?direction=both')).toBe(true)
  })

  it('draws the stages from left to right', async () => {
    await openChain()
    const x = (key) => Number(wrapper.get(`[data-testid="impact-node-${key}"]`).attributes('transform').match(/translate\((\d+)/)[1])
    expect(x('sessions-per-week')).toBeLessThan(x('reorder-epic'))
    expect(x('reorder-epic')).toBeLessThan(x('checkout-conversion'))
    expect(x('checkout-conversion')).toBeLessThan(x('online-revenue-kpi'))
    expect(wrapper.findAll('[data-testid^="stage-"]').map((label) => label.text())).toEqual(['Input', 'Output', 'Outcome', 'Impact'])
  })

  it('draws a line for every link', async () => {
    await openChain()
    expect(wrapper.findAll('[data-testid^="link-"]')).toHaveLength(3)
  })

  it('marks the node the chain starts from', async () => {
    await openChain()
    expect(wrapper.get('[data-testid="impact-node-checkout-conversion"]').attributes('aria-current')).toBe('page')
    expect(wrapper.get('h1').text()).toBe('Impact chain of Raise checkout conversion from 2.1 % to 3.5 %')
  })

  it('walks to a node when it is clicked', async () => {
    await openChain({ 'GET /api/v1/impact-chains/kpi-revenue': { body: { ...CONVERSION_CHAIN, rootId: 'kpi-revenue' } } })
    await wrapper.get('[data-testid="impact-node-online-revenue-kpi"]').trigger('click')
    await flushPromises()
    expect(app.router.currentRoute.value.path).toBe('/nodes/kpi-revenue/impact')
  })

  it('walks to a node with the keyboard', async () => {
    await openChain()
    await wrapper.get('[data-testid="impact-node-reorder-epic"]').trigger('keydown', { key: 'Enter' })
    await flushPromises()
    expect(app.router.currentRoute.value.params.nodeId).toBe('i-reorder-epic')
  })

  it('says so when a node has no links', async () => {
    await openChain({ 'GET /api/v1/impact-chains/k-conversion': { body: { rootId: 'k-conversion', nodes: [CONVERSION_CHAIN.nodes[2]], links: [] } } })
    expect(wrapper.find('[data-testid="no-links"]').exists()).toBe(true)
  })

  it('reports a node that does not exist', async () => {
    await openChain({ 'GET /api/v1/impact-chains/k-conversion': { status: 404, body: { error: { code: 'not_found', message: 'Node k-conversion not found' } } } })
    expect(wrapper.get('[data-testid="error"]').text()).toContain('Node k-conversion not found')
  })

  it('speaks German', async () => {
    await openChain({}, 'de')
    expect(wrapper.get('[data-testid="stage-impact"]').text()).toBe('Impact')
    expect(wrapper.get('[data-testid="impact-node-reorder-epic"]').attributes('aria-label')).toBe('Initiative One-click reorder epic, Stufe Output')
  })
})

const FROM = '2026-11-05T10:00:00.000Z'
const TO = '2026-12-05T10:00:00.000Z'
const PERIOD = `from=${encodeURIComponent('2026-11-05T10:00:00Z')}&to=${encodeURIComponent('2026-12-05T10:00:00Z')}`
const STOREFRONT_TITLE = 'Personalise the storefront with machine learning'

function boardNode(id, kind, title, parentId, fields) {
  return { id, key: id, kind, title, parentId, measurement: null, current: null, unit: null, ...fields }
}

// The objective and its key results as the as-of API returns them: the release key result was
// added during the period, so it is missing at the start.
const AS_OF = {
  [FROM]: [
    boardNode('o-store', 'objective', STOREFRONT_TITLE, null, { progress: 0.2476, status: 'off_track' }),
    boardNode('k-clicks', 'key_result', 'Raise sessions with a recommendation click from 6 % to 9 %', 'o-store',
      { measurement: 'increase', progress: 0.4, status: 'on_track', current: 7.2, unit: '%' }),
  ],
  [TO]: [
    boardNode('o-store', 'objective', STOREFRONT_TITLE, null, { progress: 0.8021, status: 'on_track' }),
    boardNode('k-clicks', 'key_result', 'Raise sessions with a recommendation click from 6 % to 9 %', 'o-store',
      { measurement: 'increase', progress: 0.7333, status: 'on_track', current: 8.2, unit: '%' }),
    boardNode('k-release', 'key_result', 'Cut the time to release a model from 10 days to 3 days', 'o-store',
      { measurement: 'decrease', progress: 0.6714, status: 'on_track', current: 5.3, unit: 'days' }),
  ],
}

function asOfRoute(request) {
  const nodes = AS_OF[queryOf(request).at]
  return nodes ? { body: { ...nodes[0], asOf: queryOf(request).at, nodes } } : { status: 404, body: { error: { code: 'not_found', message: 'Node o-store not found' } } }
}

async function openStorefront(query = `?${PERIOD}`, locale = 'en', extraRoutes = {}) {
  const chain = { rootId: 'o-store', nodes: [{ id: 'o-store', key: 'o-store', kind: 'objective', title: STOREFRONT_TITLE, stage: 'outcome' }], links: [] }
  ;({ wrapper, fake, app } = await mountPage(ImpactChainPage, {
    path: `/nodes/o-store/impact${query}`,
    props: { nodeId: 'o-store' },
    routes: outcomeRoutes({
      'GET /api/v1/impact-chains/o-store': { body: chain },
      'GET /api/v1/nodes/o-store/as-of': asOfRoute,
      ...extraRoutes,
    }),
    locale,
  }))
}

function asOfRequests() {
  return fake.requests.filter((request) => request.path.startsWith('/api/v1/nodes/o-store/as-of')).map((request) => queryOf(request).at)
}

describe('impact chain page history', () => {
  it('requests the node at both instants of the period', async () => {
    await openStorefront()
    expect(asOfRequests().sort()).toEqual([FROM, TO])
    expect(wrapper.get('#history').attributes('data-testid')).toBe('node-history')
  })

  it('shows the progress of the node at both instants', async () => {
    await openStorefront()
    const row = wrapper.get('[data-testid="history-row-o-store"]')
    expect(row.get('[data-testid="history-before"]').text()).toBe('24.8 % · Off track')
    expect(row.get('[data-testid="history-after"]').text()).toBe('80.2 % · On track')
  })

  it('shows progress and value of each key result', async () => {
    await openStorefront()
    const row = wrapper.get('[data-testid="history-row-k-clicks"]')
    expect(row.get('[data-testid="history-before"]').text()).toBe('40.0 % · On trackValue 7.2 %')
    expect(row.get('[data-testid="history-after"]').text()).toBe('73.3 % · On trackValue 8.2 %')
  })

  it('marks a key result missing at the start', async () => {
    await openStorefront()
    const row = wrapper.get('[data-testid="history-row-k-release"]')
    expect(row.get('[data-testid="history-before"]').text()).toBe('Not there then')
    expect(row.get('[data-testid="history-after"]').text()).toContain('Value 5.3 days')
  })

  it('lists the node first and its key results by title', async () => {
    await openStorefront()
    const ids = wrapper.findAll('[data-testid^="history-row-"]').map((row) => row.attributes('data-testid'))
    expect(ids).toEqual(['history-row-o-store', 'history-row-k-release', 'history-row-k-clicks'])
  })

  it('links each key result to its value history', async () => {
    await openStorefront()
    const link = wrapper.get('[data-testid="history-row-k-clicks"] [data-testid="history-link"]')
    expect(link.attributes('href')).toBe('/key-results/k-clicks#history')
    expect(link.text()).toBe('Value history')
    expect(wrapper.find('[data-testid="history-row-o-store"] [data-testid="history-link"]').exists()).toBe(false)
  })

  it('names both instants in the column headers', async () => {
    await openStorefront()
    expect(wrapper.get('[data-testid="history-from"]').text()).toContain('2026')
    expect(wrapper.get('[data-testid="history-from"]').text()).not.toBe(wrapper.get('[data-testid="history-to"]').text())
  })

  it('shows the history in German', async () => {
    await openStorefront(`?${PERIOD}`, 'de')
    expect(wrapper.get('#history h2').text()).toBe('Verlauf')
    const row = wrapper.get('[data-testid="history-row-k-clicks"]')
    expect(row.get('[data-testid="history-before"]').text()).toBe('40,0 % · Im PlanWert 7,2 %')
    expect(wrapper.get('[data-testid="history-row-k-release"] [data-testid="history-before"]').text()).toBe('Damals nicht vorhanden')
    expect(row.get('[data-testid="history-link"]').text()).toBe('Werteverlauf')
  })

  it('shows the last 30 days without a period in the address', async () => {
    vi.useFakeTimers({ now: new Date(TO), toFake: ['Date'] })
    try {
      await openStorefront('')
    } finally {
      vi.useRealTimers()
    }
    expect(asOfRequests().sort()).toEqual(['2026-11-05T10:00:00.000Z', TO])
    expect(wrapper.get('[data-testid="history-period"]').text()).toContain('the last 30 days')
  })

  it('names an invalid time in the address', async () => {
    await openStorefront('?from=yesterday')
    expect(wrapper.get('#history [data-testid="error"]').text()).toBe('The address has an invalid “from” time: yesterday. Use a date and time such as 2026-11-01T00:00:00Z.')
    expect(asOfRequests()).toEqual([])
  })

  it('rejects a period that ends before it starts', async () => {
    await openStorefront(`?from=${encodeURIComponent('2026-12-05T10:00:00Z')}&to=${encodeURIComponent('2026-11-05T10:00:00Z')}`)
    expect(wrapper.get('#history [data-testid="error"]').text()).toContain('Swap “from” and “to”')
    expect(asOfRequests()).toEqual([])
  })

  it('reports a failed request', async () => {
    await openStorefront(`?${PERIOD}`, 'en', {
      'GET /api/v1/nodes/o-store/as-of': { status: 413, body: { error: { code: 'too_many_nodes', message: 'The node has more than 20000 nodes below it.' } } },
    })
    expect(wrapper.get('#history [data-testid="error"]').text()).toBe('This item has too many items below it to show at once. Open an item lower in the tree.')
  })

  it('wraps a long title in its box', async () => {
    await openStorefront()
    const lines = wrapper.findAll('[data-testid="impact-node-o-store"] tspan').map((line) => line.text())
    expect(lines.join(' ')).toBe(STOREFRONT_TITLE)
  })
})

