import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { DEMO_USER, queryOf } from '../testing/fakeFetch.js'
import { mountPage } from '../testing/mountPage.js'
import DecisionsPage from './DecisionsPage.vue'

const SIGNAL_ID = 's0000000-0000-4000-8000-000000000041'
const KEY_RESULT_ID = 'k0000000-0000-4000-8000-000000000042'

const SNOOZE = {
  id: 12, at: '2026-12-05T10:00:00Z', actor: 'urn:momentum:user:u-1', actorName: 'Demo User', kind: 'signal.action',
  subjectType: 'signal', subjectId: SIGNAL_ID, decision: 'snoozed', reason: 'waiting for the data',
  evidence: { kind: 'stalled_despite_effort', explanation: 'Activation stayed flat over its last 3 check-ins.', nodeIds: [KEY_RESULT_ID] },
  ref: SIGNAL_ID,
}
const ACKNOWLEDGE = { ...SNOOZE, id: 11, at: '2026-12-05T09:00:00Z', decision: 'acknowledged', reason: 'looking into it' }
const DISMISSAL = {
  id: 10, at: '2026-12-04T09:00:00Z', actor: 'urn:momentum:user:u-1', actorName: 'Demo User', kind: 'quality.finding',
  subjectType: 'key_result', subjectId: KEY_RESULT_ID, decision: 'dismissed', reason: null,
  evidence: { rule: 'vague_verb', why: 'A verb without a number cannot be scored' }, ref: `vague_verb:${KEY_RESULT_ID}`,
}
const RESOLVE_BY_SYSTEM = { ...SNOOZE, id: 9, at: '2026-12-03T09:00:00Z', actor: 'system', actorName: 'system', decision: 'resolved', reason: 'The condition cleared' }

let wrapper
let fake
let app

function trail(request) {
  const query = queryOf(request)
  if (query.before === '10') {
    return { body: { items: [RESOLVE_BY_SYSTEM] } }
  }
  if (query.kind === 'signal.action') {
    return { body: { items: [SNOOZE, ACKNOWLEDGE] } }
  }
  return { body: { items: [SNOOZE, ACKNOWLEDGE, DISMISSAL], nextBefore: 10 } }
}

async function openTrail(path = '/decisions', locale = 'en') {
  ;({ wrapper, fake, app } = await mountPage(DecisionsPage, {
    path,
    locale,
    routes: { 'GET /api/v1/auth/me': { body: { user: DEMO_USER } }, 'GET /api/v1/decisions': trail },
  }))
}

function trailReads() {
  return fake.requests.filter((request) => request.path.startsWith('/api/v1/decisions')).map(queryOf)
}

function column(testId) {
  return wrapper.findAll(`[data-testid="${testId}"]`).map((cell) => cell.text())
}

afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  vi.unstubAllGlobals()
})

describe('decisions page', () => {
  it('lists entries newest first', async () => {
    await openTrail()
    expect(column('decision-value')).toEqual(['snoozed', 'acknowledged', 'dismissed'])
    expect(column('decision-actor')).toEqual(['Demo User', 'Demo User', 'Demo User'])
    expect(column('decision-reason')).toEqual(['waiting for the data', 'looking into it', '–'])
    expect(column('decision-evidence')[0]).toBe('Activation stayed flat over its last 3 check-ins.')
    expect(column('decision-evidence')[2]).toBe('A verb without a number cannot be scored')
  })

  it('links subjects to their pages', async () => {
    await openTrail()
    const links = wrapper.findAll('[data-testid="decision-subject"]').map((link) => link.attributes('href'))
    expect(links).toEqual([`/decisions?ref=${SIGNAL_ID}`, `/decisions?ref=${SIGNAL_ID}`, `/key-results/${KEY_RESULT_ID}`])
  })

  it('loads older page on request', async () => {
    await openTrail()
    await wrapper.get('[data-testid="decision-more"]').trigger('click')
    await flushPromises()
    expect(column('decision-value')).toEqual(['snoozed', 'acknowledged', 'dismissed', 'resolved'])
    expect(column('decision-actor')[3]).toBe('Momentum (automatic)')
    expect(trailReads().at(-1).before).toBe('10')
    expect(wrapper.find('[data-testid="decision-more"]').exists()).toBe(false)
  })

  it('filters by kind', async () => {
    await openTrail()
    await wrapper.get('[data-testid="decision-kind-filter"]').setValue('signal.action')
    await flushPromises()
    expect(app.router.currentRoute.value.query.kind).toBe('signal.action')
    expect(trailReads().at(-1).kind).toBe('signal.action')
    expect(column('decision-value')).toEqual(['snoozed', 'acknowledged'])
  })

  it('passes node filter from address', async () => {
    await openTrail(`/decisions?nodeId=${KEY_RESULT_ID}`)
    expect(trailReads()[0].nodeId).toBe(KEY_RESULT_ID)
    expect(wrapper.get('[data-testid="decision-narrowed"]').text()).toContain('Showing the decisions about one key result')
  })

  it('speaks German', async () => {
    await openTrail('/decisions', 'de')
    expect(wrapper.get('h1').text()).toBe('Entscheidungsprotokoll')
    expect(column('decision-value')).toEqual(['zurückgestellt', 'bestätigt', 'verworfen'])
  })

  it('says so when trail is empty', async () => {
    ;({ wrapper, fake, app } = await mountPage(DecisionsPage, {
      path: '/decisions',
      routes: { 'GET /api/v1/auth/me': { body: { user: DEMO_USER } }, 'GET /api/v1/decisions': { body: { items: [] } } },
    }))
    expect(wrapper.get('[data-testid="no-decisions"]').text()).toBe('No decisions recorded yet.')
  })
})
