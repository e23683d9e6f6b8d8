import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import {
  COMPANY_KEY_RESULT,
  COMPANY_OBJECTIVE,
  CONVERSION,
  DELIGHT,
  PAYMENTS,
  PCI,
  Q4,
  REORDER,
  UNIT_ID,
  outcomeRoutes,
} from '../__fixtures__/outcomeModel.js'
import { page, queryOf } from '../testing/fakeFetch.js'
import { mountPage } from '../testing/mountPage.js'
import { useDraftPrefillStore } from '../stores/draftPrefill.js'
import OkrEditorPage from './OkrEditorPage.vue'

let wrapper
let fake

let app

async function openEditor(extraRoutes = {}, locale = 'en') {
  ;({ wrapper, fake, app } = await mountPage(OkrEditorPage, {
    path: `/units/${UNIT_ID}/edit?cycle=${Q4}`,
    props: { unitId: UNIT_ID },
    routes: outcomeRoutes(extraRoutes),
    locale,
  }))
}

function lastRequest(method, bare) {
  return fake.requests.filter((request) => request.method === method && request.path.split('?')[0] === bare).at(-1)
}

async function dragOnto(source, target) {
  await source.trigger('dragstart')
  await target.trigger('dragenter')
  await target.trigger('dragover')
  await target.trigger('drop')
  await flushPromises()
}

afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

const DRAFTED = {
  id: 'p1',
  title: 'Keep customers longer by solving their biggest pain points',
  sources: [],
  keyResults: [
    { id: 'p1-k1', title: 'Reduce monthly customer churn from 2.4 % to 1.5 %', measurement: 'decrease', start: 2.4, target: 1.5, unit: '%', numbers: 'example', sources: [] },
    { id: 'p1-k2', title: 'Increase net promoter score from 28 to 40', measurement: 'increase', start: 28, target: 40, unit: 'score', numbers: 'kpi', sources: [] },
    { id: 'p1-k3', title: 'Increase the number of the top 10 churn reasons that a shipped change addresses from 1 to 5', measurement: 'increase', start: 1, target: 5, unit: null, numbers: 'example', sources: [] },
  ],
  check: { score: 90, findings: [], passed: true },
}

function qualityRequests() {
  return fake.requests.filter((request) => request.method === 'POST' && request.path === '/api/v1/assist/quality-check')
}

const QUALITY_OK = { 'POST /api/v1/assist/quality-check': { body: { score: 90, findings: [] } } }
const CREATE_KEY_RESULT = { 'POST /api/v1/key-results': (request) => ({ status: 201, body: { id: 'k-new', ...request.body } }) }

/** Opens the editor with `proposal`'s objective saved as DELIGHT and the form of its first drafted key result. */
async function openDraftedKeyResult(proposal, routes = QUALITY_OK, locale = 'en') {
  await openEditor(routes, locale)
  const drafts = useDraftPrefillStore()
  drafts.offer(UNIT_ID, Q4, proposal)
  drafts.objectiveSaved(DELIGHT.id)
  await flushPromises()
  await wrapper.get(`[data-testid="add-kr-${DELIGHT.key}"]`).trigger('click')
}

/** Sends the unit board with objectives of the unit as `[id, cycleId, progress]`. */
function deliverUnitBoard(objectives) {
  const nodes = objectives.map(([id, cycleId, progress]) => ({
    id, key: id, kind: 'objective', unitId: UNIT_ID, cycleId, progress, expected: 0.9, noData: false, status: 'on_track', version: 1,
  }))
  app.sockets.latest.acceptConnection()
  app.sockets.latest.deliver({ type: 'snapshot', board: `unit:${UNIT_ID}`, version: 1, units: [], nodes, cycles: [] })
}

describe('OKR editor with a drafted proposal', () => {
  it('checks the drafted objective with its key results', async () => {
    await openEditor(QUALITY_OK)
    useDraftPrefillStore().offer(UNIT_ID, Q4, DRAFTED)
    await vi.waitFor(() => expect(qualityRequests().length).toBeGreaterThan(0))
    const request = qualityRequests().at(-1)
    expect(request.body.objective).toEqual({ title: DRAFTED.title })
    expect(request.body.keyResults).toEqual([
      { id: 'p1-k1', text: DRAFTED.keyResults[0].title, start: 2.4, target: 1.5, unit: '%', measurement: 'decrease' },
      { id: 'p1-k2', text: DRAFTED.keyResults[1].title, start: 28, target: 40, unit: 'score', measurement: 'increase' },
      { id: 'p1-k3', text: DRAFTED.keyResults[2].title, start: 1, target: 5, measurement: 'increase' },
    ])
  })

  it('shows drafted numbers with the page decimal separator', async () => {
    await openDraftedKeyResult(DRAFTED, QUALITY_OK, 'de')
    await flushPromises()
    expect(wrapper.get('[data-testid="kr-start"]').element.value).toBe('2,4')
    expect(wrapper.get('[data-testid="kr-target"]').element.value).toBe('1,5')
  })

  it('links a drafted key result to the one tracking it', async () => {
    const tracked = {
      ...DRAFTED.keyResults[0], numbers: 'past', start: 4.6, target: 3.9,
      title: 'Cut monthly customer churn from 4.6 % to 3.9 %',
      alreadyTrackedBy: { id: 'k-growth-churn', title: 'Cut monthly customer churn from 4.6 % to 3.9 %', objectiveId: 'o-growth',
        objectiveTitle: 'Turn first-time buyers into regulars', unitId: 'u-growth', unitName: 'Growth', cycleId: 'c-q4', cycleKey: 'q4', cycleName: 'Q4 2026' },
    }
    await openDraftedKeyResult({ ...DRAFTED, keyResults: [tracked] })
    await flushPromises()
    const note = wrapper.get('[data-testid="kr-already-tracked"]')
    expect(note.text()).toBe('Growth already tracks this key result in Q4 2026: contribute to'
      + ' “Cut monthly customer churn from 4.6 % to 3.9 %” rather than measure it twice.')
    expect(note.get('a').attributes('href')).toBe('/nodes/k-growth-churn/impact')
  })

  it('shows no tracked note for own numbers', async () => {
    await openDraftedKeyResult(DRAFTED)
    await flushPromises()
    expect(wrapper.find('[data-testid="kr-already-tracked"]').exists()).toBe(false)
  })

  it('marks example numbers until replaced', async () => {
    await openDraftedKeyResult(DRAFTED)
    await flushPromises()
    expect(wrapper.get('[data-testid="kr-example-numbers"]').text()).toBe(
      'Example numbers from the library: replace the start and the target with your baseline and target; the title follows them.',
    )
    expect(wrapper.get('[data-testid="kr-start"]').attributes('data-example')).toBe('true')
    expect(wrapper.get('[data-testid="kr-target"]').attributes('data-example')).toBe('true')

    await wrapper.get('[data-testid="kr-start"]').setValue('3.1')
    expect(wrapper.get('[data-testid="kr-start"]').attributes('data-example')).toBeUndefined()
    expect(wrapper.get('[data-testid="kr-target"]').attributes('data-example')).toBe('true')
    await wrapper.get('[data-testid="kr-target"]').setValue('2.2')
    expect(wrapper.find('[data-testid="kr-example-numbers"]').exists()).toBe(false)
  })

  it('writes replaced numbers into the drafted title', async () => {
    await openDraftedKeyResult(DRAFTED, QUALITY_OK, 'de')
    await flushPromises()

    await wrapper.get('[data-testid="kr-start"]').setValue('3,1')
    await wrapper.get('[data-testid="kr-target"]').setValue('2')
    await flushPromises()
    expect(wrapper.get('[data-testid="kr-title"]').element.value).toBe('Reduce monthly customer churn from 3.1 % to 2 %')
  })

  it('asks again before saving example numbers', async () => {
    await openDraftedKeyResult(DRAFTED, { ...QUALITY_OK, ...CREATE_KEY_RESULT })
    await flushPromises()

    await wrapper.get('[data-testid="key-result-form"]').trigger('submit')
    await flushPromises()
    expect(lastRequest('POST', '/api/v1/key-results')).toBeUndefined()
    const message = wrapper.get('[data-testid="kr-example-kept"]')
    expect(message.text()).toBe(
      "These are still the library's example numbers. Replace them with your baseline and target, or save again to keep them.",
    )
    expect(message.element.closest('.row')).toBeNull()
    expect(wrapper.find('[data-testid="key-result-form"] [data-field="start"] [data-testid="field-error"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="kr-start"]').attributes('aria-describedby')).toBe(message.attributes('id'))

    await wrapper.get('[data-testid="key-result-form"]').trigger('submit')
    await flushPromises()
    expect(lastRequest('POST', '/api/v1/key-results').body).toMatchObject({ start: 2.4, target: 1.5 })
  })

  it('saves KPI numbers at once', async () => {
    await openDraftedKeyResult({ ...DRAFTED, keyResults: [DRAFTED.keyResults[1]] }, { ...QUALITY_OK, ...CREATE_KEY_RESULT })
    await flushPromises()
    expect(wrapper.find('[data-testid="kr-example-numbers"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="kr-start"]').attributes('data-example')).toBeUndefined()

    await wrapper.get('[data-testid="key-result-form"]').trigger('submit')
    await flushPromises()
    expect(lastRequest('POST', '/api/v1/key-results').body).toMatchObject({ start: 28, target: 40 })
  })

  it('checks a drafted key result with those still to come', async () => {
    await openDraftedKeyResult(DRAFTED)
    await vi.waitFor(() => expect(qualityRequests().at(-1)?.body.keyResults.map((kr) => kr.id)).toContain('new'))
    const ids = qualityRequests().at(-1).body.keyResults.map((kr) => kr.id)
    expect(ids).toContain('p1-k2')
    expect(ids).toContain('p1-k3')
    expect(ids).not.toContain('p1-k1')
  })
})

describe('OKR editor', () => {
  it('loads the objectives of the unit in the chosen cycle', async () => {
    await openEditor()
    const request = fake.requests.find((r) => r.path.startsWith('/api/v1/objectives') && queryOf(r).unit === UNIT_ID)
    expect(queryOf(request)).toMatchObject({ unit: UNIT_ID, cycle: Q4 })
  })

  it('shows objectives with their key results as a tree', async () => {
    await openEditor()
    const delight = wrapper.get('[data-testid="tree-objective-checkout-delight"]')
    expect(delight.find('[data-testid="tree-kr-checkout-conversion"]').exists()).toBe(true)
    expect(delight.find('[data-testid="tree-kr-one-click-reorder"]').exists()).toBe(true)
    expect(wrapper.get('[data-testid="tree-objective-reliable-payments"]').find('[data-testid="tree-kr-pci-audit-passed"]').exists()).toBe(true)
  })

  it('marks objectives and key results carried over from an earlier cycle', async () => {
    await openEditor({
      'GET /api/v1/objectives': page([{ ...DELIGHT, carriedFrom: 'o-delight-q3' }, PAYMENTS]),
      'GET /api/v1/key-results': page([{ ...CONVERSION, carriedFrom: 'k-conversion-q3' }, REORDER, PCI]),
    })
    const delight = wrapper.get('[data-testid="tree-objective-checkout-delight"]')
    expect(delight.findAll('[data-testid="carried-over"]').map((marker) => marker.text())).toEqual([
      '· carried over from an earlier cycle, with its history',
      '· carried over from an earlier cycle, with its history',
    ])
    expect(delight.get('[data-testid="tree-kr-one-click-reorder"]').find('[data-testid="carried-over"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="tree-objective-reliable-payments"]').find('[data-testid="carried-over"]').exists()).toBe(false)
  })

  it('names the parent outside the unit', async () => {
    await openEditor()
    expect(wrapper.get('[data-testid="tree-objective-checkout-delight"] [data-testid="aligned-to"]').text()).toContain(
      COMPANY_KEY_RESULT.title,
    )
  })

  it('offers goals of the enclosing cycles as alignment targets', async () => {
    await openEditor()
    expect(wrapper.find('[data-testid="align-target-loyal-customers"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="align-target-grow-online-share"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="align-target-online-revenue"]').exists()).toBe(true)
  })

  it('creates an objective in the unit and cycle', async () => {
    await openEditor({ 'POST /api/v1/objectives': (request) => ({ status: 201, body: { ...request.body, id: 'o-new', version: 1 } }) })
    await wrapper.get('[data-testid="new-objective"]').trigger('click')
    await wrapper.get('[data-testid="objective-title"]').setValue('Faster refunds')
    await wrapper.get('[data-testid="objective-owner"]').setValue('p-2')
    await wrapper.get('[data-testid="objective-parent"]').setValue('objective:o-online')
    await wrapper.get('[data-testid="objective-form"]').trigger('submit')
    await flushPromises()
    expect(lastRequest('POST', '/api/v1/objectives').body).toEqual({
      key: 'faster-refunds',
      kind: 'objective',
      unitId: UNIT_ID,
      cycleId: Q4,
      title: 'Faster refunds',
      description: null,
      ownerId: 'p-2',
      ownerName: 'Jonas Keller',
      parentId: 'o-online',
      parentKeyResultId: null,
      weight: 1,
      rollupChildren: null,
    })
    expect(wrapper.find('[data-testid="tree-objective-faster-refunds"]').exists()).toBe(true)
  })

  it('names the score a new objective lowers', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-12-05T10:00:00Z'))
    await openEditor()
    deliverUnitBoard([['o-a', Q4, 0.8], ['o-b', Q4, 0.7], ['o-c', 'c-2026', 0.702], ['o-old', 'c-2026-q3', 0.1]])
    await flushPromises()
    expect(wrapper.find('[data-testid="score-drop"]').exists()).toBe(false)
    await wrapper.get('[data-testid="new-objective"]').trigger('click')
    expect(wrapper.get('[data-testid="score-drop"]').text()).toBe(
      'The score of Checkout Squad drops from 73.4 % to 55.1 % until the new objective gets values.',
    )
  })

  it('names the lowered score in German', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-12-05T10:00:00Z'))
    await openEditor({}, 'de')
    deliverUnitBoard([['o-a', Q4, 0.8], ['o-b', Q4, 0.7], ['o-c', 'c-2026', 0.702]])
    await flushPromises()
    await wrapper.get('[data-testid="new-objective"]').trigger('click')
    expect(wrapper.get('[data-testid="score-drop"]').text()).toBe(
      'Der Gesamtfortschritt von Checkout Squad sinkt von 73,4 % auf 55,1 %, bis das neue Ziel Werte hat.',
    )
  })

  it('names the cycle of a score that is not running', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-09-15T10:00:00Z'))
    await openEditor()
    deliverUnitBoard([['o-a', Q4, 0.5], ['o-c', 'c-2026', 0.9]])
    await flushPromises()
    await wrapper.get('[data-testid="new-objective"]').trigger('click')
    expect(wrapper.get('[data-testid="score-drop"]').text()).toBe(
      'The score of Checkout Squad in Q4 2026 drops from 50.0 % to 25.0 % until the new objective gets values.',
    )
  })

  // The company objective rolls up its children: its key result at 0.5 and a child objective at
  // 0.8 give 0.65, and a new child of weight 1 makes it 1.3 / 3 = 0.4333.
  const ROLLING_UP = { 'GET /api/v1/objectives': (request) => {
    const query = new URL(request.path, 'http://127.0.0.1').searchParams
    if (query.get('unit') === UNIT_ID || query.get('cycle') === Q4) {
      return page([DELIGHT, PAYMENTS])
    }
    return page(query.get('cycle') === 'c-2026' ? [{ ...COMPANY_OBJECTIVE, rollupChildren: true }] : [])
  } }

  function deliverGoalBoard() {
    const node = (id, kind, parentId, progress) => ({ id, key: id, kind, parentId, unitId: 'u-company', cycleId: 'c-2026', title: id, weight: 1, progress, status: 'on_track', version: 1 })
    const nodes = [
      { ...node(COMPANY_OBJECTIVE.id, 'objective', 'o-loyal', 0.65), title: COMPANY_OBJECTIVE.title },
      node(COMPANY_KEY_RESULT.id, 'key_result', COMPANY_OBJECTIVE.id, 0.5),
      node('o-marketplace', 'objective', COMPANY_OBJECTIVE.id, 0.8),
    ]
    app.sockets.latest.deliver({ type: 'snapshot', board: `goal:${COMPANY_OBJECTIVE.id}`, version: 1, units: [], nodes, cycles: [] })
  }

  it('names the drop of a parent that rolls up', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-12-05T10:00:00Z'))
    await openEditor(ROLLING_UP)
    deliverUnitBoard([['o-a', Q4, 0.8], ['o-b', Q4, 0.7]])
    await flushPromises()
    await wrapper.get('[data-testid="new-objective"]').trigger('click')
    await wrapper.get('[data-testid="objective-parent"]').setValue(`objective:${COMPANY_OBJECTIVE.id}`)
    await flushPromises()
    expect(app.sockets.latest.sentMessages).toContainEqual({ type: 'subscribe', board: `goal:${COMPANY_OBJECTIVE.id}` })
    deliverGoalBoard()
    await flushPromises()
    expect(wrapper.get('[data-testid="score-drop"]').text()).toBe('The score of Checkout Squad drops from 75.0 % to 50.0 %,'
      + ' and the score of Grow the online share of sales drops from 65.0 % to 43.3 %, until the new objective gets values.')

    await wrapper.get('[data-testid="objective-weight"]').setValue('2')
    // (0.5 + 0.8) / (2 + 2) = 0.325, which is 32.5 %.
    expect(wrapper.get('[data-testid="score-drop"]').text()).toContain('drops from 65.0 % to 32.5 %')

    await wrapper.get('[data-testid="objective-parent"]').setValue('')
    expect(wrapper.get('[data-testid="score-drop"]').text()).toBe(
      'The score of Checkout Squad drops from 75.0 % to 50.0 % until the new objective gets values.',
    )
  })

  it('names the drop of a parent in German', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-12-05T10:00:00Z'))
    await openEditor(ROLLING_UP, 'de')
    deliverUnitBoard([['o-a', Q4, 0.8], ['o-b', Q4, 0.7]])
    await flushPromises()
    await wrapper.get('[data-testid="new-objective"]').trigger('click')
    await wrapper.get('[data-testid="objective-parent"]').setValue(`objective:${COMPANY_OBJECTIVE.id}`)
    await flushPromises()
    deliverGoalBoard()
    await flushPromises()
    expect(wrapper.get('[data-testid="score-drop"]').text()).toBe('Der Gesamtfortschritt von Checkout Squad sinkt von 75,0 % auf 50,0 %'
      + ' und der Fortschritt von Grow the online share of sales von 65,0 % auf 43,3 %, bis das neue Ziel Werte hat.')
  })

  it('leaves out a parent that does not roll up', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-12-05T10:00:00Z'))
    await openEditor()
    deliverUnitBoard([['o-a', Q4, 0.8], ['o-b', Q4, 0.7]])
    await flushPromises()
    await wrapper.get('[data-testid="new-objective"]').trigger('click')
    await wrapper.get('[data-testid="objective-parent"]').setValue(`objective:${COMPANY_OBJECTIVE.id}`)
    await flushPromises()
    deliverGoalBoard()
    await flushPromises()
    expect(wrapper.get('[data-testid="score-drop"]').text()).toBe(
      'The score of Checkout Squad drops from 75.0 % to 50.0 % until the new objective gets values.',
    )
  })

  it('names the lowered score for a drafted objective', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-12-05T10:00:00Z'))
    await openEditor(QUALITY_OK)
    deliverUnitBoard([['o-a', Q4, 0.6]])
    useDraftPrefillStore().offer(UNIT_ID, Q4, DRAFTED)
    await flushPromises()
    expect(wrapper.get('[data-testid="objective-title"]').element.value).toBe(DRAFTED.title)
    expect(wrapper.get('[data-testid="score-drop"]').text()).toContain('from 60.0 % to 30.0 %')
  })

  it('shows a server validation error next to its field', async () => {
    await openEditor({
      'POST /api/v1/key-results': {
        status: 400,
        body: { error: { code: 'validation_failed', message: 'invalid', fields: [{ field: 'target', message: 'is below start (20); use measurement "decrease"' }] } },
      },
    })
    await wrapper.get('[data-testid="add-kr-checkout-delight"]').trigger('click')
    await wrapper.get('[data-testid="kr-title"]').setValue('Raise basket size')
    await wrapper.get('[data-testid="kr-start"]').setValue('20')
    await wrapper.get('[data-testid="kr-target"]').setValue('10')
    await wrapper.get('[data-testid="key-result-form"]').trigger('submit')
    await flushPromises()
    const field = wrapper.get('[data-testid="key-result-form"] [data-field="target"]')
    expect(field.get('[data-testid="field-error"]').text()).toBe('is below start (20); use measurement "decrease"')
    expect(wrapper.get('[data-testid="key-result-form"] [data-field="start"]').find('[data-testid="field-error"]').exists()).toBe(false)
  })

  it('shows a milestone error at its milestone', async () => {
    await openEditor({
      'PATCH /api/v1/key-results/k-reorder': {
        status: 400,
        body: { error: { code: 'validation_failed', message: 'invalid', fields: [{ field: 'milestones[1].title', message: 'repeats another milestone title' }] } },
      },
    })
    await wrapper.get('[data-testid="edit-one-click-reorder"]').trigger('click')
    await wrapper.findAll('[data-testid="milestone-title"]')[1].setValue('Design approved')
    await wrapper.get('[data-testid="key-result-form"]').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid="milestone-1"] [data-testid="field-error"]').text()).toBe('repeats another milestone title')
    expect(wrapper.get('[data-testid="milestone-0"]').find('[data-testid="field-error"]').exists()).toBe(false)
  })

  it('sends the milestone list of an edited key result', async () => {
    await openEditor({ 'PATCH /api/v1/key-results/k-reorder': (request) => ({ body: { ...request.body, id: 'k-reorder', key: 'one-click-reorder', version: 7 } }) })
    await wrapper.get('[data-testid="edit-one-click-reorder"]').trigger('click')
    await wrapper.get('[data-testid="milestone-add"]').trigger('click')
    const titles = wrapper.findAll('[data-testid="milestone-title"]')
    await titles[2].setValue('Beta with 5 % of users')
    await wrapper.get('[data-testid="key-result-form"]').trigger('submit')
    await flushPromises()
    const body = lastRequest('PATCH', '/api/v1/key-results/k-reorder').body
    expect(body.version).toBe(6)
    expect(body.milestones).toEqual([
      { title: 'Design approved', weight: 1, done: true },
      { title: 'General availability', weight: 2, done: false },
      { title: 'Beta with 5 % of users', weight: 1, done: false },
    ])
  })

  it('sends only the changed fields of an edit', async () => {
    await openEditor({ 'PATCH /api/v1/key-results/k-conversion': (request) => ({ body: { ...CONVERSION, ...request.body, version: 18 } }) })
    await wrapper.get('[data-testid="edit-checkout-conversion"]').trigger('click')
    await wrapper.get('[data-testid="kr-target"]').setValue('3,8')
    await wrapper.get('[data-testid="key-result-form"]').trigger('submit')
    await flushPromises()
    expect(lastRequest('PATCH', '/api/v1/key-results/k-conversion').body).toEqual({ target: 3.8, version: 17 })
    expect(wrapper.find('[data-testid="key-result-form"]').exists()).toBe(false)
  })

  it('closes an edit that changes nothing without a request', async () => {
    await openEditor()
    await wrapper.get('[data-testid="edit-checkout-delight"]').trigger('click')
    await wrapper.get('[data-testid="objective-form"]').trigger('submit')
    await flushPromises()
    expect(fake.requests.some((request) => request.method === 'PATCH')).toBe(false)
    expect(wrapper.find('[data-testid="objective-form"]').exists()).toBe(false)
  })

  it('shows the zones of a metric key result', async () => {
    await openEditor()
    await wrapper.get('[data-testid="add-kr-checkout-delight"]').trigger('click')
    await wrapper.get('[data-testid="kr-start"]').setValue('0')
    await wrapper.get('[data-testid="kr-target"]').setValue('70')
    const zones = wrapper.findAll('[data-testid="zone-preview"] [data-zone]').map((band) => band.text())
    expect(zones).toEqual(['Below commit0 to 30', 'Commit30 to 70', 'Target70 to 100', 'Stretchfrom 100'])
    expect(wrapper.find('[data-testid="zone-defaults"]').exists()).toBe(true)
  })

  it('types the offered stretch level of a lead time', async () => {
    await openEditor()
    await wrapper.get('[data-testid="add-kr-checkout-delight"]').trigger('click')
    await wrapper.get('[data-testid="kr-measurement"]').setValue('decrease')
    await wrapper.get('[data-testid="kr-start"]').setValue('14')
    await wrapper.get('[data-testid="kr-target"]').setValue('4')
    await wrapper.get('[data-testid="kr-unit"]').setValue('days')
    expect(wrapper.get('[data-testid="zone-preview"] [data-zone="stretch"]').text()).toBe('Stretchout of reach')
    await wrapper.get('[data-testid="zone-use-stretch"]').trigger('click')
    expect(wrapper.get('[data-testid="kr-stretch"]').element.value).toBe('0')
    expect(wrapper.get('[data-testid="zone-preview"] [data-zone="stretch"]').text()).toBe('Stretchfrom 0 days')
    expect(wrapper.find('[data-testid="zone-unreachable-stretch"]').exists()).toBe(false)
  })

  it('shows the fields of each measurement kind', async () => {
    await openEditor()
    await wrapper.get('[data-testid="add-kr-checkout-delight"]').trigger('click')
    const measurement = wrapper.get('[data-testid="kr-measurement"]')
    await measurement.setValue('range')
    expect(wrapper.find('[data-testid="kr-tolerance"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="kr-start"]').exists()).toBe(false)
    await measurement.setValue('kpi')
    expect(wrapper.findAll('[data-testid="kr-kpi"] option').map((option) => option.text())).toContain('Orders per week')
    await measurement.setValue('milestone')
    expect(wrapper.find('[data-testid="milestone-editor"]').exists()).toBe(true)
  })

  it('re-aligns an objective dropped onto a key result', async () => {
    await openEditor({ 'PATCH /api/v1/objectives/o-payments': (request) => ({ body: { ...PAYMENTS, ...request.body, version: 3 } }) })
    await dragOnto(
      wrapper.get('[data-testid="tree-objective-reliable-payments"] [data-testid="objective-drag"]'),
      wrapper.get('[data-testid="tree-kr-checkout-conversion"] [data-testid="kr-drag"]'),
    )
    expect(lastRequest('PATCH', '/api/v1/objectives/o-payments').body).toEqual({
      parentId: null,
      parentKeyResultId: CONVERSION.id,
      version: 2,
    })
    const conversion = wrapper.get('[data-testid="tree-kr-checkout-conversion"]')
    expect(conversion.find('[data-testid="tree-objective-reliable-payments"]').exists()).toBe(true)
  })

  it('re-aligns an objective dropped onto a company objective', async () => {
    await openEditor({ 'PATCH /api/v1/objectives/o-payments': (request) => ({ body: { ...PAYMENTS, ...request.body, version: 3 } }) })
    await dragOnto(
      wrapper.get('[data-testid="tree-objective-reliable-payments"] [data-testid="objective-drag"]'),
      wrapper.get('[data-testid="align-target-grow-online-share"]'),
    )
    expect(lastRequest('PATCH', '/api/v1/objectives/o-payments').body).toEqual({ parentId: 'o-online', parentKeyResultId: null, version: 2 })
  })

  it('moves a key result dropped onto another objective', async () => {
    await openEditor({ 'PATCH /api/v1/key-results/k-pci': (request) => ({ body: { ...PCI, ...request.body, version: 2 } }) })
    await dragOnto(
      wrapper.get('[data-testid="tree-kr-pci-audit-passed"] [data-testid="kr-drag"]'),
      wrapper.get('[data-testid="tree-objective-checkout-delight"] [data-testid="objective-drag"]'),
    )
    expect(lastRequest('PATCH', '/api/v1/key-results/k-pci').body).toEqual({ objectiveId: DELIGHT.id, version: 1 })
    expect(wrapper.get('[data-testid="tree-objective-checkout-delight"]').find('[data-testid="tree-kr-pci-audit-passed"]').exists()).toBe(true)
  })

  it('moves a key result with the objective field, without a mouse', async () => {
    await openEditor({ 'PATCH /api/v1/key-results/k-pci': (request) => ({ body: { ...PCI, ...request.body, version: 2 } }) })
    await wrapper.get('[data-testid="edit-pci-audit-passed"]').trigger('click')
    await wrapper.get('[data-testid="kr-objective"]').setValue(DELIGHT.id)
    await wrapper.get('[data-testid="key-result-form"]').trigger('submit')
    await flushPromises()
    expect(lastRequest('PATCH', '/api/v1/key-results/k-pci').body).toEqual({ objectiveId: DELIGHT.id, version: 1 })
  })

  it('ignores a key result dropped onto its own objective', async () => {
    await openEditor()
    await dragOnto(
      wrapper.get('[data-testid="tree-kr-pci-audit-passed"] [data-testid="kr-drag"]'),
      wrapper.get('[data-testid="tree-objective-reliable-payments"] [data-testid="objective-drag"]'),
    )
    expect(fake.requests.some((request) => request.method === 'PATCH')).toBe(false)
  })

  it('retries a stale version with current values shown', async () => {
    let attempts = 0
    await openEditor({
      'PATCH /api/v1/objectives/o-payments': (request) => {
        attempts += 1
        if (attempts === 1) {
          return {
            status: 409,
            body: { error: { code: 'stale_version', message: 'stale', currentVersion: 4, current: { ...PAYMENTS, parentId: 'o-loyal', version: 4 } } },
          }
        }
        return { body: { ...PAYMENTS, ...request.body, version: 5 } }
      },
    })
    await dragOnto(
      wrapper.get('[data-testid="tree-objective-reliable-payments"] [data-testid="objective-drag"]'),
      wrapper.get('[data-testid="align-target-grow-online-share"]'),
    )
    const conflict = wrapper.get('[data-testid="conflict"]')
    expect(conflict.text()).toContain('(4)')
    const parentRow = conflict.get('[data-testid="conflict-parentId"]')
    expect(parentRow.get('.theirs').text()).toBe('Customers stay with us for years')
    expect(parentRow.get('.mine').text()).toBe('Grow the online share of sales')

    await conflict.get('[data-testid="conflict-retry"]').trigger('click')
    await flushPromises()
    expect(lastRequest('PATCH', '/api/v1/objectives/o-payments').body).toEqual({ parentId: 'o-online', parentKeyResultId: null, version: 4 })
    expect(wrapper.find('[data-testid="conflict"]').exists()).toBe(false)
  })

  it('keeps the current values when the person does not retry', async () => {
    await openEditor({
      'PATCH /api/v1/objectives/o-payments': {
        status: 409,
        body: { error: { code: 'stale_version', message: 'stale', currentVersion: 4, current: { ...PAYMENTS, title: 'Payments that always work', version: 4 } } },
      },
    })
    await wrapper.get('[data-testid="edit-reliable-payments"]').trigger('click')
    await wrapper.get('[data-testid="objective-title"]').setValue('Payments without failures')
    await wrapper.get('[data-testid="objective-form"]').trigger('submit')
    await flushPromises()
    await wrapper.get('[data-testid="conflict-dismiss"]').trigger('click')
    expect(wrapper.find('[data-testid="conflict"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="objective-form"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="tree-objective-reliable-payments"] .title').text()).toBe('Payments that always work')
  })

  it('shows an alignment loop by its keys', async () => {
    await openEditor({
      'PATCH /api/v1/objectives/o-delight': {
        status: 409,
        body: { error: { code: 'alignment_loop', message: 'loop', loop: ['checkout-delight', 'reliable-payments', 'checkout-delight'] } },
      },
    })
    await dragOnto(
      wrapper.get('[data-testid="tree-objective-checkout-delight"] [data-testid="objective-drag"]'),
      wrapper.get('[data-testid="tree-objective-reliable-payments"] [data-testid="objective-drag"]'),
    )
    expect(wrapper.get('[data-testid="loop-path"]').text()).toBe('checkout-delight → reliable-payments → checkout-delight')
  })

  it('archives an objective with what is below it after confirmation', async () => {
    await openEditor({ 'DELETE /api/v1/objectives/o-payments': { status: 204 } })
    await wrapper.get('[data-testid="archive-reliable-payments"]').trigger('click')
    const dialog = wrapper.get('[data-testid="archive-confirm"]')
    expect(dialog.text()).toContain('2 key results and 0 child objectives')
    expect(fake.requests.some((request) => request.method === 'DELETE')).toBe(false)
    await dialog.get('[data-testid="archive-cascade"]').setValue(true)
    await dialog.get('[data-testid="archive-confirm-button"]').trigger('click')
    await flushPromises()
    expect(lastRequest('DELETE', '/api/v1/objectives/o-payments').path).toBe('/api/v1/objectives/o-payments?cascade=true')
    expect(lastRequest('DELETE', '/api/v1/objectives/o-payments').headers['If-Match']).toMatch(/^"\d+"$/)
  })

  it('tells where strategic outcomes are added', async () => {
    await openEditor()
    expect(wrapper.get('[data-testid="outcome-hint"]').text()).toContain('Whole strategy')
  })

  it('offers a new strategic outcome as an alignment target at once', async () => {
    ;({ wrapper, fake } = await mountPage(OkrEditorPage, {
      path: '/units/u-company/edit?cycle=c-strategy',
      props: { unitId: 'u-company' },
      routes: outcomeRoutes({
        'GET /api/v1/units/u-company': { body: { id: 'u-company', key: 'company', name: 'Company', kind: 'company', parentId: null } },
        'POST /api/v1/objectives': (request) => ({ status: 201, body: { ...request.body, id: 'o-green', version: 1 } }),
      }),
    }))
    await wrapper.get('[data-testid="new-objective"]').trigger('click')
    await wrapper.get('[data-testid="objective-title"]').setValue('Greenest shop in Europe')
    await wrapper.get('[data-testid="objective-form"]').trigger('submit')
    await flushPromises()
    expect(lastRequest('POST', '/api/v1/objectives').body.kind).toBe('strategic_outcome')
    expect(wrapper.get('aside.candidates').text()).toContain('Greenest shop in Europe')
  })

  it('speaks German', async () => {
    await openEditor({}, 'de')
    expect(wrapper.get('[data-testid="new-objective"]').text()).toBe('Neues Ziel')
    expect(wrapper.get('h1').text()).toBe('OKRs von Checkout Squad bearbeiten')
  })
})
