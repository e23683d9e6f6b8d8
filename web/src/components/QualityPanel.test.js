import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createTestApp, mountWithApp } from '../testing/mountWithApp.js'
import { fakeFetch, queryOf } from '../testing/fakeFetch.js'
import QualityPanel from './QualityPanel.vue'
import KeyResultForm from './KeyResultForm.vue'
import { moveDraftDismissals } from '../api/quality.js'

const KEY_RESULT_ID = '0b3c1f6e-8a55-4a77-9d3e-5f1e2a3b4c5d'
const OTHER_ID = '1c4d2a7f-9b66-4b88-8e4f-6a2f3b4c5d6e'
const OBJECTIVE_ID = '2d5e3b8a-0c77-4c99-9f5a-7b3a4c5d6e7f'
const REPORT = {
  score: 70,
  findings: [
    { rule: 'no_target', severity: 'error', target: KEY_RESULT_ID, evidence: [], why: 'Without a number…', fix: 'Add the value…' },
    { rule: 'vague_verb', severity: 'warning', target: KEY_RESULT_ID, evidence: ['Improve'], why: '"Improve" says…', fix: 'Say how much…' },
    { rule: 'no_owner', severity: 'warning', target: 'objective', evidence: [], why: 'Nobody owns…', fix: 'Choose…' },
  ],
}

function mountObjectivePanel(routes) {
  const fake = fakeFetch({ 'POST /api/v1/assist/quality-check': { body: REPORT }, ...routes })
  vi.stubGlobal('fetch', fake.fetchStub)
  const wrapper = mountWithApp(QualityPanel, createTestApp(), {
    props: {
      draft: { objective: { title: 'Delight customers' }, keyResults: [{ id: KEY_RESULT_ID, text: 'Improve customer satisfaction' }] },
      focus: 'objective',
      text: 'Delight customers',
      subject: { type: 'objective', id: OBJECTIVE_ID },
    },
  })
  return { wrapper, fake }
}

function mountPanel(routes, locale = 'en') {
  const fake = fakeFetch({ 'POST /api/v1/assist/quality-check': { body: REPORT }, ...routes })
  vi.stubGlobal('fetch', fake.fetchStub)
  const wrapper = mountWithApp(QualityPanel, createTestApp({ locale }), {
    props: {
      draft: { objective: { title: 'Delight customers' }, keyResults: [{ id: KEY_RESULT_ID, text: 'Improve customer satisfaction' }] },
      focus: KEY_RESULT_ID,
      text: 'Improve customer satisfaction',
      subject: { type: 'key_result', id: KEY_RESULT_ID },
    },
  })
  return { wrapper, fake }
}

async function settle() {
  await vi.advanceTimersByTimeAsync(300)
  await flushPromises()
}

describe('QualityPanel', () => {
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })

  it('shows the findings of its key result with highlighted evidence', async () => {
    vi.useFakeTimers()
    const { wrapper, fake } = mountPanel({ 'GET /api/v1/decisions': { body: { items: [] } } })
    await settle()

    expect(wrapper.find('[data-testid="finding-vague_verb"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="finding-no_target"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="finding-no_owner"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="quality-text"] mark').text()).toBe('Improve')
    expect(wrapper.find('[data-testid="quality-score"]').text()).toContain('70')
    expect(fake.requests.find((r) => r.method === 'POST').body.language).toBe('en')
  })

  it('waits for a title before checking an empty new objective', async () => {
    vi.useFakeTimers()
    const fake = fakeFetch({ 'POST /api/v1/assist/quality-check': { body: REPORT } })
    vi.stubGlobal('fetch', fake.fetchStub)
    const wrapper = mountWithApp(QualityPanel, createTestApp({ locale: 'de' }), {
      props: { draft: { objective: { title: '  ' }, keyResults: [] }, focus: 'objective', text: '' },
    })
    await settle()

    expect(fake.requests.filter((r) => r.method === 'POST')).toHaveLength(0)
    expect(wrapper.find('[data-testid="quality-score"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="finding-no_owner"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="quality-waiting"]').text()).toBe('Hinweise erscheinen, sobald Sie den Titel des Ziels eingeben.')

    await wrapper.setProps({ draft: { objective: { title: 'Delight customers' }, keyResults: [] }, text: 'Delight customers' })
    await settle()
    expect(fake.requests.filter((r) => r.method === 'POST')).toHaveLength(1)
    expect(wrapper.find('[data-testid="quality-waiting"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="finding-no_owner"]').exists()).toBe(true)
  })

  it('hides findings dismissed earlier in the trail', async () => {
    vi.useFakeTimers()
    const decisions = { items: [{ decision: 'dismissed', ref: `no_target:${KEY_RESULT_ID}` }] }
    const { wrapper } = mountPanel({ 'GET /api/v1/decisions': { body: decisions } })
    await settle()

    expect(wrapper.find('[data-testid="finding-no_target"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="finding-vague_verb"]').exists()).toBe(true)
  })

  it('records a dismissal and an applied fix in the trail', async () => {
    vi.useFakeTimers()
    const { wrapper, fake } = mountPanel({
      'GET /api/v1/decisions': { body: { items: [] } },
      'POST /api/v1/decisions': { status: 201, body: { id: 1 } },
    })
    await settle()

    await wrapper.find('[data-testid="dismiss-vague_verb"]').trigger('click')
    await wrapper.find('[data-testid="apply-no_target"]').trigger('click')
    await flushPromises()

    const posted = fake.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/decisions').map((r) => r.body)
    expect(posted).toHaveLength(2)
    expect(posted[0]).toMatchObject({ kind: 'quality.finding', decision: 'dismissed', ref: `vague_verb:${KEY_RESULT_ID}`, subjectType: 'key_result', subjectId: KEY_RESULT_ID })
    expect(posted[0].evidence.rule).toBe('vague_verb')
    expect(posted[1]).toMatchObject({ decision: 'accepted', ref: `no_target:${KEY_RESULT_ID}` })
    expect(wrapper.emitted('apply')[0][0].rule).toBe('no_target')
    expect(wrapper.find('[data-testid="finding-vague_verb"]').exists()).toBe(false)
  })

  it('scores a key result by its own findings', async () => {
    vi.useFakeTimers()
    const report = {
      score: 40,
      findings: [...REPORT.findings, { rule: 'no_target', severity: 'error', target: OTHER_ID, evidence: [], why: 'w', fix: 'f', penalty: 20 }]
        .map((finding) => ({ penalty: { error: 20, warning: 10, info: 3 }[finding.severity], ...finding })),
    }
    const { wrapper } = mountPanel({ 'POST /api/v1/assist/quality-check': { body: report }, 'GET /api/v1/decisions': { body: { items: [] } } })
    await settle()

    expect(wrapper.get('[data-testid="quality-score"]').text()).toBe('This key result: 70/100')
  })

  it('leaves dismissed findings out of the score and counts them', async () => {
    vi.useFakeTimers()
    const decisions = { items: [{ decision: 'dismissed', ref: `no_target:${KEY_RESULT_ID}` }] }
    const { wrapper } = mountPanel({ 'GET /api/v1/decisions': { body: decisions } })
    await settle()

    expect(wrapper.get('[data-testid="quality-score"]').text()).toBe('This key result: 90/100')
    expect(wrapper.get('[data-testid="quality-dismissed"]').text()).toBe('1 dismissed finding, not counted in the score')
  })

  it('raises the score on a dismissal', async () => {
    vi.useFakeTimers()
    const { wrapper } = mountPanel({
      'GET /api/v1/decisions': { body: { items: [] } },
      'POST /api/v1/decisions': { status: 201, body: { id: 1 } },
    })
    await settle()
    expect(wrapper.get('[data-testid="quality-score"]').text()).toBe('This key result: 70/100')

    await wrapper.find('[data-testid="dismiss-vague_verb"]').trigger('click')
    await flushPromises()

    expect(wrapper.get('[data-testid="quality-score"]').text()).toBe('This key result: 80/100')
    expect(wrapper.get('[data-testid="quality-dismissed"]').exists()).toBe(true)
  })

  it('shows the whole set on the objective panel', async () => {
    vi.useFakeTimers()
    const decisions = (request) => ({
      body: { items: queryOf(request).subjectId === KEY_RESULT_ID ? [{ decision: 'dismissed', ref: `vague_verb:${KEY_RESULT_ID}` }] : [] },
    })
    const { wrapper, fake } = mountObjectivePanel({ 'GET /api/v1/decisions': decisions, 'POST /api/v1/decisions': { status: 201, body: { id: 1 } } })
    await settle()

    expect(wrapper.get('[data-testid="quality-score"]').text()).toBe('Objective and key results: 70/100')
    expect(wrapper.get('[data-testid="quality-dismissed"]').text()).toBe('1 dismissed finding, not counted in the score')
    expect(wrapper.find('[data-testid="finding-no_owner"]').exists()).toBe(true)
    const keyResultFinding = wrapper.get('[data-testid="finding-no_target"]')
    expect(keyResultFinding.get('[data-testid="finding-key-result"]').text()).toBe('Key result: Improve customer satisfaction')
    expect(wrapper.find('[data-testid="finding-no_owner"] [data-testid="finding-key-result"]').exists()).toBe(false)
    const asked = fake.requests.filter((r) => r.method === 'GET').map((r) => queryOf(r).subjectId)
    expect(asked).toEqual(expect.arrayContaining([OBJECTIVE_ID, KEY_RESULT_ID]))

    await wrapper.find('[data-testid="dismiss-no_target"]').trigger('click')
    await flushPromises()
    const posted = fake.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/decisions').map((r) => r.body)
    expect(posted[0]).toMatchObject({ ref: `no_target:${KEY_RESULT_ID}`, subjectType: 'key_result', subjectId: KEY_RESULT_ID })
    expect(wrapper.get('[data-testid="quality-score"]').text()).toBe('Objective and key results: 90/100')
  })

  it('does not praise a text whose only finding was dismissed', async () => {
    vi.useFakeTimers()
    const onlyFinding = { score: 97, findings: [{ rule: 'vague_verb', severity: 'info', target: KEY_RESULT_ID, evidence: ['Improve'], why: 'w', fix: 'f' }] }
    for (const [locale, expected] of [
      ['en', 'No open findings: 1 dismissed finding is not counted in the score.'],
      ['de', 'Keine offenen Befunde: 1 verworfener Befund zählt nicht zur Bewertung.'],
    ]) {
      const { wrapper } = mountPanel({
        'POST /api/v1/assist/quality-check': { body: onlyFinding },
        'GET /api/v1/decisions': { body: { items: [{ decision: 'dismissed', ref: `vague_verb:${KEY_RESULT_ID}` }] } },
      }, locale)
      await settle()

      expect(wrapper.find('[data-testid="quality-none"]').exists()).toBe(false)
      expect(wrapper.get('[data-testid="quality-none-open"]').text()).toBe(expected)
      wrapper.unmount()
    }
  })

  it('records a dismissal on a new key result against its objective', async () => {
    vi.useFakeTimers()
    const newFinding = { score: 90, findings: [{ rule: 'vague_verb', severity: 'warning', target: 'new', evidence: ['Improve'], why: 'w', fix: 'f' }] }
    const fake = fakeFetch({
      'POST /api/v1/assist/quality-check': { body: newFinding },
      'POST /api/v1/decisions': { status: 201, body: { id: 1 } },
    })
    vi.stubGlobal('fetch', fake.fetchStub)
    const wrapper = mountWithApp(QualityPanel, createTestApp(), {
      props: {
        draft: { objective: { title: 'Delight customers' }, keyResults: [{ id: 'new', text: 'Improve customer satisfaction' }] },
        focus: 'new',
        text: 'Improve customer satisfaction',
        subject: null,
        parent: { type: 'objective', id: OBJECTIVE_ID },
      },
    })
    await settle()

    await wrapper.find('[data-testid="dismiss-vague_verb"]').trigger('click')
    await flushPromises()

    const posted = fake.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/decisions').map((r) => r.body)
    expect(posted).toHaveLength(1)
    expect(posted[0]).toMatchObject({ decision: 'dismissed', ref: 'vague_verb:new', subjectType: 'objective', subjectId: OBJECTIVE_ID })
    expect(posted[0].evidence.keyResultText).toBe('Improve customer satisfaction')
    expect(wrapper.get('[data-testid="quality-none-open"]').exists()).toBe(true)
  })

  it('keeps a dismissal made before the first save dismissed on the saved key result', async () => {
    vi.useFakeTimers()
    const newFinding = { score: 90, findings: [{ rule: 'vague_verb', severity: 'warning', target: 'new', evidence: ['Improve'], why: 'w', fix: 'f' }] }
    const trail = []
    const fake = fakeFetch({
      'POST /api/v1/assist/quality-check': { body: newFinding },
      'POST /api/v1/decisions': (request) => {
        trail.push({ decision: request.body.decision, ref: request.body.ref, subjectType: request.body.subjectType, subjectId: request.body.subjectId })
        return { status: 201, body: { id: trail.length } }
      },
      'GET /api/v1/decisions': (request) => ({ body: { items: trail.filter((item) => item.subjectId === queryOf(request).subjectId) } }),
    })
    vi.stubGlobal('fetch', fake.fetchStub)
    const prefill = { title: 'Improve customer satisfaction', measurement: 'metric', start: 60, target: 75, unit: '%' }
    const form = mountWithApp(KeyResultForm, createTestApp(), { props: { objectiveId: OBJECTIVE_ID, prefill } })
    await settle()
    await form.find('[data-testid="dismiss-vague_verb"]').trigger('click')
    await flushPromises()
    await form.find('[data-testid="key-result-form"]').trigger('submit')

    const [body, extras] = form.emitted('save')[0]
    expect(extras.dismissedFindings.map((finding) => finding.rule)).toEqual(['vague_verb'])
    // The editor saves the key result, which gets its id, and moves the dismissal onto it.
    await moveDraftDismissals(extras.dismissedFindings, KEY_RESULT_ID, body.title)

    const moved = fake.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/decisions').map((r) => r.body)
    expect(moved).toHaveLength(2)
    expect(moved[0]).toMatchObject({ ref: 'vague_verb:new', subjectType: 'objective', subjectId: OBJECTIVE_ID })
    expect(moved[1]).toMatchObject({ decision: 'dismissed', ref: `vague_verb:${KEY_RESULT_ID}`, subjectType: 'key_result', subjectId: KEY_RESULT_ID })
    expect(moved[1].evidence).toMatchObject({ target: KEY_RESULT_ID, movedFrom: 'vague_verb:new', keyResultText: 'Improve customer satisfaction' })

    // After a reload the saved key result's panel reads the trail and keeps the finding dismissed.
    const savedFinding = { score: 90, findings: [{ ...newFinding.findings[0], target: KEY_RESULT_ID }] }
    vi.stubGlobal('fetch', fakeFetch({
      'POST /api/v1/assist/quality-check': { body: savedFinding },
      'GET /api/v1/decisions': (request) => ({ body: { items: trail.filter((item) => item.subjectId === queryOf(request).subjectId) } }),
    }).fetchStub)
    const reloaded = mountWithApp(QualityPanel, createTestApp(), {
      props: {
        draft: { objective: { title: 'Delight customers' }, keyResults: [{ id: KEY_RESULT_ID, text: 'Improve customer satisfaction' }] },
        focus: KEY_RESULT_ID,
        text: 'Improve customer satisfaction',
        subject: { type: 'key_result', id: KEY_RESULT_ID },
      },
    })
    await settle()

    expect(reloaded.find('[data-testid="finding-vague_verb"]').exists()).toBe(false)
    expect(reloaded.get('[data-testid="quality-none-open"]').exists()).toBe(true)
    expect(reloaded.get('[data-testid="quality-score"]').text()).toContain('100')
  })

  it('asks for German findings in German', async () => {
    vi.useFakeTimers()
    const { wrapper, fake } = mountPanel({ 'GET /api/v1/decisions': { body: { items: [] } } }, 'de')
    await settle()

    expect(fake.requests.find((r) => r.method === 'POST').body.language).toBe('de')
    expect(wrapper.find('[data-testid="dismiss-vague_verb"]').text()).toBe('Verwerfen')
  })
})
