import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { CONVERSION_CHAIN, outcomeRoutes } from '../__fixtures__/outcomeModel.js'
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
