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
  evidence: {
    kind: 'stalled_despite_effort', params: { title: 'Activation rate', key: 'KR-7' },
    explanation: 'Activation stayed flat over its last 3 check-ins.', nodeIds: [KEY_RESULT_ID], snoozedUntil: '2026-12-10T12:00:00Z',
  },
  ref: SIGNAL_ID,
}
const ACKNOWLEDGE = {
  ...SNOOZE, id: 11, at: '2026-12-05T09:00:00Z', decision: 'acknowledged', reason: 'looking into it',
  evidence: { ...SNOOZE.evidence, snoozedUntil: null },
}
const DISMISSAL = {
  id: 10, at: '2026-12-04T09:00:00Z', actor: 'urn:momentum:user:u-1', actorName: 'Demo User', kind: 'quality.finding',
  subjectType: 'key_result', subjectId: KEY_RESULT_ID, decision: 'dismissed', reason: null,
  evidence: { rule: 'vague_verb', why: 'A verb without a number cannot be scored' }, ref: `vague_verb:${KEY_RESULT_ID}`,
}
const RESOLVE_BY_SYSTEM = { ...SNOOZE, id: 9, at: '2026-12-03T09:00:00Z', actor: 'system', actorName: 'system', decision: 'resolved', reason: 'The condition cleared' }
const KPI_ID = 'p0000000-0000-4000-8000-000000000043'
const KPI_SIGNAL_ACTION = {
  ...ACKNOWLEDGE, id: 8, subjectId: 'p-signal', ref: 'p-signal',
  evidence: { kind: 'kpi_breach', params: { title: 'Churn rate' }, explanation: 'Churn is above 5 %.', nodeIds: [KPI_ID] },
}
const STALE_SOURCE_ACTION = {
  ...ACKNOWLEDGE, id: 7, subjectId: 'q-signal', ref: 'q-signal',
  evidence: { kind: 'stale_source', params: { source: 'urn:source:crm' }, explanation: 'The CRM is quiet.', nodeIds: [KEY_RESULT_ID] },
}
const DRAFT_GENERATED = {
  id: 6, at: '2026-12-02T09:00:00Z', actor: 'urn:momentum:user:u-1', actorName: 'Demo User', kind: 'draft.generated',
  subjectType: 'draft', subjectId: 'd-1', decision: 'generated', reason: null, evidence: { strategy: 'Grow in the DACH region' }, ref: 'd-1',
}
const BRIEF_GENERATED = { ...DRAFT_GENERATED, id: 5, kind: 'brief.generated', subjectType: 'unit', subjectId: 'u-1', ref: 'b-1' }
const LLM_REQUEST = { ...DRAFT_GENERATED, id: 4, kind: 'llm.request', decision: 'requested' }
const LLM_FAILURE = { ...DRAFT_GENERATED, id: 3, kind: 'llm.response', decision: 'failed' }

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

async function openTrail(path = '/decisions', locale = 'en', decisions = trail) {
  ;({ wrapper, fake, app } = await mountPage(DecisionsPage, {
    path,
    locale,
    routes: { 'GET /api/v1/auth/me': { body: { user: DEMO_USER } }, 'GET /api/v1/decisions': decisions },
  }))
}

async function openEntries(items, locale = 'en') {
  await openTrail('/decisions', locale, { body: { items } })
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
    expect(column('decision-value')).toHaveLength(3)
    expect(column('decision-value').slice(1)).toEqual(['acknowledged', 'dismissed'])
    expect(column('decision-actor')).toEqual(['Demo User', 'Demo User', 'Demo User'])
    expect(column('decision-reason')).toEqual(['waiting for the data', 'looking into it', '–'])
    expect(column('decision-evidence')[0]).toBe('Activation stayed flat over its last 3 check-ins.')
    expect(column('decision-evidence')[2]).toBe('A verb without a number cannot be scored')
  })

  it('links subjects to their pages', async () => {
    await openTrail()
    const links = wrapper.findAll('[data-testid="decision-subject"]').map((link) => link.attributes('href'))
    expect(links).toEqual([`/key-results/${KEY_RESULT_ID}`, `/key-results/${KEY_RESULT_ID}`, `/key-results/${KEY_RESULT_ID}`])
  })

  it('names node of signal action', async () => {
    await openEntries([SNOOZE, KPI_SIGNAL_ACTION])
    const subjects = wrapper.findAll('[data-testid="decision-subject"]')
    expect(subjects.map((link) => link.text())).toEqual(['Activation rate', 'Churn rate'])
    expect(subjects[1].attributes('href')).toBe(`/kpis/${KPI_ID}`)
    const trails = wrapper.findAll('[data-testid="decision-signal-trail"]')
    expect(trails.map((link) => link.text())).toEqual(['signal trail', 'signal trail'])
    expect(trails.map((link) => link.attributes('href'))).toEqual([`/decisions?ref=${SIGNAL_ID}`, '/decisions?ref=p-signal'])
    expect(wrapper.text()).not.toContain('Open')
  })

  it('keeps signal without node', async () => {
    await openEntries([STALE_SOURCE_ACTION])
    expect(wrapper.find('[data-testid="decision-subject"]').exists()).toBe(false)
    const cell = wrapper.get('[data-testid="decision-signal-trail"]').element.parentElement
    expect(cell.textContent.trim().startsWith('Signal')).toBe(true)
    expect(cell.textContent).not.toContain('Open')
  })

  it('shows end of snooze', async () => {
    await openEntries([SNOOZE, ACKNOWLEDGE])
    expect(column('decision-value')[0]).toMatch(/^snoozed until Dec 10, 2026, /)
    expect(column('decision-value')[1]).toBe('acknowledged')
  })

  it('reads end of snooze from entry', async () => {
    await openEntries([{ ...SNOOZE, snoozedUntil: '2026-12-20T12:00:00Z' }])
    expect(column('decision-value')[0]).toMatch(/^snoozed until Dec 20, 2026, /)
  })

  it('shows end of snooze in German', async () => {
    await openEntries([SNOOZE], 'de')
    expect(column('decision-value')[0]).toMatch(/^zurückgestellt bis 10\.12\.2026, /)
  })

  it('shows kind alone when decision repeats it', async () => {
    await openEntries([DRAFT_GENERATED, BRIEF_GENERATED, LLM_REQUEST, LLM_FAILURE])
    expect(column('decision-kind')).toEqual(['Draft generated', 'Brief generated', 'Language model request', 'Language model response: failed'])
  })

  it('shows kind alone in German', async () => {
    await openEntries([DRAFT_GENERATED, BRIEF_GENERATED], 'de')
    expect(column('decision-kind')).toEqual(['Entwurf erzeugt', 'Briefing erzeugt'])
  })

  it('loads older page on request', async () => {
    await openTrail()
    await wrapper.get('[data-testid="decision-more"]').trigger('click')
    await flushPromises()
    expect(column('decision-value').slice(1)).toEqual(['acknowledged', 'dismissed', 'resolved'])
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
    expect(column('decision-value')).toHaveLength(2)
    expect(column('decision-value')[1]).toBe('acknowledged')
  })

  it('passes node filter from address', async () => {
    await openTrail(`/decisions?nodeId=${KEY_RESULT_ID}`)
    expect(trailReads()[0].nodeId).toBe(KEY_RESULT_ID)
    expect(wrapper.get('[data-testid="decision-narrowed"]').text()).toContain('Showing the decisions about one key result')
  })

  it('speaks German', async () => {
    await openTrail('/decisions', 'de')
    expect(wrapper.get('h1').text()).toBe('Entscheidungsprotokoll')
    expect(column('decision-value').slice(1)).toEqual(['bestätigt', 'verworfen'])
  })

  it('says so when trail is empty', async () => {
    ;({ wrapper, fake, app } = await mountPage(DecisionsPage, {
      path: '/decisions',
      routes: { 'GET /api/v1/auth/me': { body: { user: DEMO_USER } }, 'GET /api/v1/decisions': { body: { items: [] } } },
    }))
    expect(wrapper.get('[data-testid="no-decisions"]').text()).toBe('No decisions recorded yet.')
  })
})
