import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { CONVERSION, PEOPLE, Q4, UNIT_ID, outcomeRoutes } from '../__fixtures__/outcomeModel.js'
import { page } from '../testing/fakeFetch.js'
import { mountPage } from '../testing/mountPage.js'
import InitiativesPage from './InitiativesPage.vue'

let wrapper
let fake
let app

const REDESIGN = {
  id: 'i-redesign', key: 'checkout-redesign', title: 'Rebuild checkout as a single page', description: null, unitId: UNIT_ID, cycleId: Q4,
  ownerId: 'p-1', ownerName: 'Dana Weber', externalSystem: 'jira', externalKey: 'CHK-812', start: '2026-10-01', due: '2026-12-31', version: 3,
}
const UNITS = [{ id: UNIT_ID, key: 'checkout-squad', name: 'Checkout Squad', kind: 'team', parentId: null }]
const BOARD_NODE = { id: 'i-redesign', key: 'checkout-redesign', kind: 'initiative', progress: 0.5172, raw: 0.5172, expected: 0.7, status: 'at_risk', workItems: { done: 30, total: 58, basis: 'points', items: 4 }, version: 9 }

function routes(extra = {}) {
  return outcomeRoutes({ 'GET /api/v1/units': page(UNITS), 'GET /api/v1/initiatives': page([REDESIGN]), ...extra })
}

async function openList(path = `/initiatives?cycle=${Q4}`, extra = {}, locale = 'en') {
  ;({ wrapper, fake, app } = await mountPage(InitiativesPage, { path, routes: routes(extra), locale }))
}

/** Opens the list, edits the due date of the redesign and saves it; the server answers `invalid`. */
async function saveDueRejectedWith(invalid, locale = 'en') {
  await openList(undefined, { 'PATCH /api/v1/initiatives/i-redesign': invalid }, locale)
    await wrapper.get('[data-testid="initiative-edit"]').trigger('click')
    await wrapper.get('[data-testid="initiative-due"]').setValue('2026-09-01')
    await wrapper.get('[data-testid="initiative-form"]').trigger('submit')
    await flushPromises()
}

function requestsTo(method, path) {
  return fake.requests.filter((request) => request.method === method && request.path.split('?')[0] === path)
}

afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  vi.unstubAllGlobals()
})

describe('initiatives page', () => {
  it('lists the initiatives of the chosen cycle', async () => {
    await openList()
    const query = new URL(requestsTo('GET', '/api/v1/initiatives')[0].path, 'http://127.0.0.1').searchParams
    expect(query.get('cycle')).toBe(Q4)
    const row = wrapper.get('[data-testid="initiative-checkout-redesign"]')
    expect(row.text()).toContain('Rebuild checkout as a single page')
    expect(row.get('[data-testid="initiative-external"]').text()).toBe('jira: CHK-812')
    expect(row.get('[data-testid="initiative-dates"]').text()).toBe('Oct 1, 2026 – Dec 31, 2026')
  })

  it('shows live progress from the unit board', async () => {
    await openList(`/initiatives?cycle=${Q4}&unit=${UNIT_ID}`)
    const socket = app.sockets.latest
    socket.acceptConnection()
    const subscribe = socket.sentMessages.find((message) => message.type === 'subscribe')
    expect(subscribe.board).toBe(`unit:${UNIT_ID}`)
    socket.deliver({ type: 'snapshot', board: `unit:${UNIT_ID}`, version: 9, units: [], nodes: [BOARD_NODE] })
    await flushPromises()
    const row = wrapper.get('[data-testid="initiative-checkout-redesign"]')
    expect(row.get('[data-testid="percent"]').text()).toBe('51.7 %')
    expect(row.get('[data-testid="initiative-work"]').text()).toBe('30 of 58 story points done · 4 items')
  })

  it('falls back to the progress in the answer', async () => {
    await openList(`/initiatives?cycle=${Q4}`, { 'GET /api/v1/initiatives': page([{ ...REDESIGN, progress: 0.25, status: 'off_track' }]) })
    expect(wrapper.get('[data-testid="initiative-checkout-redesign"] [data-testid="percent"]').text()).toBe('25.0 %')
  })

  it('creates an initiative in the unit and cycle', async () => {
    await openList(`/initiatives?cycle=${Q4}&unit=${UNIT_ID}`, { 'POST /api/v1/initiatives': { status: 201, body: { ...REDESIGN, id: 'i-new', key: 'refunds', title: 'Instant refunds' } } })
    await wrapper.get('[data-testid="new-initiative"]').trigger('click')
    await wrapper.get('[data-testid="initiative-key"]').setValue('refunds')
    await wrapper.get('[data-testid="initiative-title"]').setValue('Instant refunds')
    await wrapper.get('[data-testid="initiative-owner"]').setValue(PEOPLE[1].id)
    await wrapper.get('[data-testid="initiative-system"]').setValue('jira')
    await wrapper.get('[data-testid="initiative-external-key"]').setValue('PAY-7')
    await wrapper.get('[data-testid="initiative-start"]').setValue('2026-11-01')
    await wrapper.get('[data-testid="initiative-due"]').setValue('2026-12-15')
    await wrapper.get('[data-testid="initiative-form"]').trigger('submit')
    await flushPromises()
    expect(requestsTo('POST', '/api/v1/initiatives')[0].body).toEqual({
      key: 'refunds', title: 'Instant refunds', description: null, externalSystem: 'jira', externalKey: 'PAY-7',
      unitId: UNIT_ID, cycleId: Q4, ownerId: 'p-2', start: '2026-11-01', due: '2026-12-15',
    })
    expect(wrapper.get('[data-testid="initiatives-notice"]').text()).toBe('Instant refunds was saved.')
  })

  it('shows a rejected date at its field', async () => {
    const invalid = { status: 400, body: { error: { code: 'validation_failed', message: 'due: before start', fields: [{ field: 'due', message: 'must not be before start (2026-10-01)' }] } } }
    await openList(undefined, { 'PATCH /api/v1/initiatives/i-redesign': invalid })
    await wrapper.get('[data-testid="initiative-edit"]').trigger('click')
    await wrapper.get('[data-testid="initiative-due"]').setValue('2026-09-01')
    await wrapper.get('[data-testid="initiative-form"]').trigger('submit')
    await flushPromises()
    expect(requestsTo('PATCH', '/api/v1/initiatives/i-redesign')[0].body).toEqual({ due: '2026-09-01', version: 3 })
    expect(wrapper.get('[data-field="due"] [data-testid="field-error"]').text()).toBe('must not be before start (2026-10-01)')
  })

  it('resolves a stale version by saving over it', async () => {
    let calls = 0
    const patch = () => {
      calls += 1
      return calls === 1
        ? { status: 409, body: { error: { code: 'stale_version', message: 'stale', currentVersion: 5, current: { ...REDESIGN, due: '2027-01-31', version: 5 } } } }
        : { body: { ...REDESIGN, title: 'One-page checkout', due: '2027-01-31', version: 6 } }
    }
    await openList(undefined, { 'PATCH /api/v1/initiatives/i-redesign': patch })
    await wrapper.get('[data-testid="initiative-edit"]').trigger('click')
    await wrapper.get('[data-testid="initiative-title"]').setValue('One-page checkout')
    await wrapper.get('[data-testid="initiative-form"]').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid="initiative-conflict-current"]').text()).toBe('Stored now: Rebuild checkout as a single page, 2026-10-01 to 2027-01-31.')
    await wrapper.get('[data-testid="initiative-conflict-overwrite"]').trigger('click')
    await flushPromises()
    expect(requestsTo('PATCH', '/api/v1/initiatives/i-redesign')[1].body).toEqual({ title: 'One-page checkout', version: 5 })
  })

  it('archives after confirmation', async () => {
    await openList(undefined, { 'DELETE /api/v1/initiatives/i-redesign': { body: { archived: [{ id: 'i-redesign', key: 'checkout-redesign', kind: 'initiative' }] } } })
    await wrapper.get('[data-testid="initiative-archive"]').trigger('click')
    expect(requestsTo('DELETE', '/api/v1/initiatives/i-redesign')).toHaveLength(0)
    await wrapper.get('[data-testid="initiative-archive-confirm-button"]').trigger('click')
    await flushPromises()
    expect(requestsTo('DELETE', '/api/v1/initiatives/i-redesign')).toHaveLength(1)
    expect(wrapper.get('[data-testid="initiatives-notice"]').text()).toBe('Rebuild checkout as a single page was archived.')
  })

  it('words a coded field error in German', async () => {
    const entry = { field: 'due', code: 'due_before_start', message: 'must not be before start (2026-10-01)', params: { start: '2026-10-01' } }
    const invalid = { status: 400, body: { error: { code: 'validation_failed', message: 'due: before start', fields: [entry] } } }
    await saveDueRejectedWith(invalid, 'de')

    expect(wrapper.get('[data-field="due"] [data-testid="field-error"]').text()).toBe(
      'Das Fälligkeitsdatum liegt vor dem Beginn (2026-10-01). Wählen Sie ein späteres Datum.',
    )
  })

  it('shows an error on a field the form lacks in the banner', async () => {
    const entry = { field: 'colour', code: 'unknown_field', message: 'is not a known field; check its spelling' }
    const invalid = { status: 400, body: { error: { code: 'validation_failed', message: 'colour: unknown', fields: [entry] } } }
    await saveDueRejectedWith(invalid)

    expect(wrapper.get('[data-testid="error"]').text()).toBe(
      'colour: The server does not know this field. Reload the page to get the current version of the app.',
    )
  })

  it('shows German texts', async () => {
    await openList(undefined, {}, 'de')
    expect(wrapper.get('h1').text()).toBe('Initiativen')
    expect(wrapper.get('[data-testid="initiative-archive"]').text()).toBe('Archivieren')
  })
})

describe('links panel', () => {
  const LINK = {
    id: 'l-1', fromId: 'i-redesign', fromStage: 'output', toId: 'k-conversion', toStage: 'outcome',
    from: { id: 'i-redesign', key: 'checkout-redesign', kind: 'initiative', title: 'Rebuild checkout as a single page' },
    to: { id: 'k-conversion', key: 'checkout-conversion', kind: 'key_result', title: CONVERSION.title }, note: null, createdAt: '2026-11-01T00:00:00Z',
  }
  const CONTRIBUTION = { fromId: 'i-redesign', toId: 'o-payments', from: LINK.from, to: { id: 'o-payments', key: 'reliable-payments', kind: 'objective', title: 'Payments that never fail' }, note: 'fewer steps', createdAt: '2026-11-01T00:00:00Z' }

  async function openLinks(extra = {}) {
    await openList(undefined, {
      'GET /api/v1/impact-links': page([LINK]),
      'GET /api/v1/contributions': page([CONTRIBUTION]),
      ...extra,
    })
    await wrapper.get('[data-testid="initiative-links"]').trigger('click')
    await flushPromises()
  }

  async function chooseKeyResult(form) {
    await wrapper.get(`[data-testid="${form}"] [data-testid="link-other-kind"]`).setValue('key_result')
    await flushPromises()
    await wrapper.get(`[data-testid="${form}"] [data-testid="link-other"]`).setValue('k-conversion')
  }

  it('lists impact and contribution links', async () => {
    await openLinks()
    expect(wrapper.get('[data-testid="impact-link-l-1"]').text()).toContain('Rebuild checkout as a single page (Output) → Raise checkout conversion from 2.1 % to 3.5 % (Outcome)')
    expect(wrapper.get('[data-testid="contribution-checkout-redesign-reliable-payments"]').text()).toContain('Rebuild checkout as a single page helps Payments that never fail')
  })

  it('adds an impact link from the initiative', async () => {
    await openLinks({ 'POST /api/v1/impact-links': { status: 201, body: LINK } })
    await wrapper.get('[data-testid="impact-node-stage"]').setValue('output')
    await chooseKeyResult('impact-link-form')
    await wrapper.get('[data-testid="impact-link-form"]').trigger('submit')
    await flushPromises()
    expect(requestsTo('POST', '/api/v1/impact-links')[0].body).toEqual({ fromId: 'i-redesign', fromStage: 'output', toId: 'k-conversion', toStage: 'outcome', note: null })
    expect(requestsTo('GET', '/api/v1/impact-links')).toHaveLength(2)
  })

  it('shows the server stage error at the stage', async () => {
    const invalid = { status: 400, body: { error: { code: 'validation_failed', message: 'toStage', fields: [{ field: 'toStage', message: 'the input stage accepts initiative, kpi nodes, not a key result; choose a stage that fits the node' }] } } }
    await openLinks({ 'POST /api/v1/impact-links': invalid })
    await chooseKeyResult('impact-link-form')
    await wrapper.get('[data-testid="impact-other-stage"]').setValue('input')
    await wrapper.get('[data-testid="impact-link-form"]').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-field="otherStage"] [data-testid="field-error"]').text()).toContain('the input stage accepts initiative, kpi nodes')
  })

  it('shows a loop on 409', async () => {
    const loop = { status: 409, body: { error: { code: 'alignment_loop', message: 'loop', loop: ['checkout-redesign', 'checkout-conversion', 'checkout-redesign'] } } }
    await openLinks({ 'POST /api/v1/impact-links': loop })
    await chooseKeyResult('impact-link-form')
    await wrapper.get('[data-testid="impact-link-form"]').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid="impact-link-loop"]').text()).toContain('checkout-redesign → checkout-conversion → checkout-redesign')
  })

  it('asks for the other element before sending', async () => {
    await openLinks()
    await wrapper.get('[data-testid="impact-link-form"]').trigger('submit')
    await flushPromises()
    expect(requestsTo('POST', '/api/v1/impact-links')).toHaveLength(0)
    expect(wrapper.get('[data-field="other"] [data-testid="field-error"]').text()).toBe('Choose the element to link to.')
  })

  it('removes an impact link', async () => {
    await openLinks({ 'DELETE /api/v1/impact-links/l-1': { status: 204 } })
    await wrapper.get('[data-testid="impact-link-remove"]').trigger('click')
    await flushPromises()
    expect(requestsTo('DELETE', '/api/v1/impact-links/l-1')).toHaveLength(1)
  })

  it('adds a contribution the other way round', async () => {
    await openLinks({ 'POST /api/v1/contributions': { status: 201, body: CONTRIBUTION } })
    await wrapper.get('[data-testid="contribution-direction"]').setValue('in')
    await chooseKeyResult('contribution-form')
    await wrapper.get('[data-testid="contribution-note"]').setValue('conversion frees budget')
    await wrapper.get('[data-testid="contribution-form"]').trigger('submit')
    await flushPromises()
    expect(requestsTo('POST', '/api/v1/contributions')[0].body).toEqual({ fromId: 'k-conversion', toId: 'i-redesign', note: 'conversion frees budget' })
  })

  it('removes a contribution by its ends', async () => {
    await openLinks({ 'DELETE /api/v1/contributions/i-redesign/o-payments': { status: 204 } })
    await wrapper.get('[data-testid="contribution-remove"]').trigger('click')
    await flushPromises()
    expect(requestsTo('DELETE', '/api/v1/contributions/i-redesign/o-payments')).toHaveLength(1)
  })
})
