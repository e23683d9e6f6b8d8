import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { Q4, UNIT_ID, outcomeRoutes } from '../__fixtures__/outcomeModel.js'
import { mountPage } from '../testing/mountPage.js'
import { useDraftPrefillStore } from '../stores/draftPrefill.js'
import DraftsPage from './DraftsPage.vue'

let wrapper
let fake
let app

const PROPOSAL = {
  id: 'p1',
  title: 'Win more new customers in our core markets',
  sources: [{ type: 'library', id: 'sales-en-1', function: 'sales', score: 10.1, phrases: ['Win more customers'] }],
  keyResults: [
    {
      id: 'p1-k1', title: 'Increase win rate of qualified opportunities from 21 % to 27 %', measurement: 'increase',
      start: 21, target: 27, unit: '%', indicator: 'lagging', numbers: 'kpi',
      sources: [
        { type: 'library', id: 'sales-en-1', function: 'sales', keyResult: 2, score: 10.1, phrases: [] },
        { type: 'kpi', id: 'k-win', key: 'win-rate', title: 'Win rate', value: 21.5, basis: 'corridor', target: 27 },
      ],
    },
    {
      id: 'p1-k2', title: 'Increase qualified opportunities created per month from 40 to 60', measurement: 'increase',
      start: 40, target: 60, unit: null, indicator: 'leading', numbers: 'example',
      sources: [{ type: 'library', id: 'sales-en-1', function: 'sales', keyResult: 1, score: 10.1, phrases: [] }],
    },
  ],
  check: { score: 90, findings: [{ rule: 'no_owner', severity: 'warning', target: 'objective', why: 'Nobody owns it.', fix: 'Choose an owner.' }], passed: true },
  refined: false,
}
const PAST = {
  ...PROPOSAL,
  id: 'p2',
  title: 'Delight customers',
  sources: [{ type: 'okr', kind: 'objective', id: 'o-1', title: 'Delight customers', cycleId: Q4, cycleKey: 'q4', cycleName: 'Q4 2026', unitId: UNIT_ID, unitName: 'Checkout', score: 9, phrases: [] }],
}
const DRAFT = {
  draftId: 'd-1', language: 'en', unit: { id: UNIT_ID, name: 'Checkout' }, cycle: { id: Q4, key: 'q4', name: 'Q4 2026' },
  proposals: [PROPOSAL, PAST], dropped: [],
  notes: [{ code: 'model_off' }, { code: 'improved', proposalId: 'p1', removed: ['p1-k4'], removedTitles: ['Launch the portal'] }],
  uncovered: [{ phrase: 'befriend every quokka', reason: 'no_match' }],
  model: { requested: true, used: false },
}
const UNDER_WAY = {
  id: 'o-growth', title: 'Turn first-time buyers into regulars', unitId: 'u-growth', unitName: 'Growth', cycleId: Q4,
  cycleKey: 'q4', cycleName: 'Q4 2026', phrases: ['cut churn'], terms: ['churn'],
}

async function openDrafts(extra = {}, locale = 'en') {
  ;({ wrapper, fake, app } = await mountPage(DraftsPage, {
    path: `/units/${UNIT_ID}/drafts?cycle=${Q4}`,
    props: { unitId: UNIT_ID },
    routes: outcomeRoutes({
      'POST /api/v1/assist/drafts': { body: DRAFT },
      'POST /api/v1/decisions': (request) => ({ status: 201, body: { id: 7, ...request.body } }),
      'GET /api/v1/assist/drafts/library/sales-en-1': {
        body: { id: 'sales-en-1', function: 'sales', language: 'en', objective: 'Win more new customers in our core markets',
          keyResults: [{ metric: 'deals', unit: 'count', direction: 'increase', baseline: 40, target: 60, indicator: 'leading' }] },
      },
      ...extra,
    }),
    locale,
  }))
}

async function generate(strategy = 'Win more customers') {
  await wrapper.get('[data-testid="draft-strategy"]').setValue(strategy)
  await wrapper.get('[data-testid="draft-form"]').trigger('submit')
  await flushPromises()
}

function requestsTo(method, path) {
  return fake.requests.filter((request) => request.method === method && request.path.split('?')[0] === path)
}

afterEach(() => {
  wrapper?.unmount()
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

/** Sends the unit board with objectives of the unit in Q4 at the given progress values. */
function deliverUnitBoard(...progresses) {
  const nodes = progresses.map((progress, index) => ({
    id: `o-${index}`, key: `o-${index}`, kind: 'objective', unitId: UNIT_ID, cycleId: Q4, progress, expected: 0.9, noData: false, status: 'on_track', version: 1,
  }))
  app.sockets.latest.acceptConnection()
  app.sockets.latest.deliver({ type: 'snapshot', board: `unit:${UNIT_ID}`, version: 1, units: [], nodes, cycles: [] })
}

describe('DraftsPage', () => {
  it('sends the strategy with unit and cycle', async () => {
    await openDrafts()
    await wrapper.get('[data-testid="draft-use-model"]').setValue(true)
    await generate('Grow revenue')
    const [request] = requestsTo('POST', '/api/v1/assist/drafts')
    expect(request.body).toEqual({ strategy: 'Grow revenue', unitId: UNIT_ID, cycleId: Q4, uiLanguage: 'en', useModel: true })
  })

  it('asks for findings in the page language', async () => {
    await openDrafts({}, 'de')
    await wrapper.get('[data-testid="draft-language"]').setValue('en')
    await generate('Grow revenue')
    const [request] = requestsTo('POST', '/api/v1/assist/drafts')
    expect(request.body.language).toBe('en')
    expect(request.body.uiLanguage).toBe('de')
  })

  it('lists strategy parts without a proposal', async () => {
    await openDrafts()
    await generate()
    const uncovered = wrapper.get('[data-testid="draft-uncovered"]')
    expect(uncovered.text()).toContain('Parts of the strategy without a proposal')
    expect(uncovered.text()).toContain('“befriend every quokka”: no earlier OKR or library example matches it.')
  })

  it('lists objectives under way above the proposals', async () => {
    await openDrafts({ 'POST /api/v1/assist/drafts': { body: { ...DRAFT, underWay: [UNDER_WAY] } } })
    await generate()
    const underWay = wrapper.get('[data-testid="draft-under-way"]')
    expect(underWay.text()).toContain('“Turn first-time buyers into regulars” of Growth (Q4 2026).'
      + ' Consider contributing a key result to it or aligning your objective with it.')
    expect(underWay.text()).toContain('It matches “cut churn”.')
    expect(underWay.get('a').attributes('href')).toBe('/nodes/o-growth/impact')
    const html = wrapper.html()
    expect(html.indexOf('data-testid="draft-under-way"')).toBeLessThan(html.indexOf('data-testid="proposal-p1"'))
  })

  it('lists objectives under way in German', async () => {
    await openDrafts({ 'POST /api/v1/assist/drafts': { body: { ...DRAFT, underWay: [UNDER_WAY] } } }, 'de')
    await generate()
    expect(wrapper.get('[data-testid="draft-under-way"]').text()).toContain(
      '„Turn first-time buyers into regulars“ von Growth (Q4 2026).')
  })

  it('words own work under way', async () => {
    const own = { ...UNDER_WAY, id: 'o-checkout', unitId: UNIT_ID, unitName: 'Checkout', ownWork: true }
    await openDrafts({ 'POST /api/v1/assist/drafts': { body: { ...DRAFT, underWay: [own, UNDER_WAY] } } })
    await generate()
    const ownEntry = wrapper.get('[data-testid="draft-under-way-o-checkout"]')
    expect(ownEntry.text()).toContain('“Turn first-time buyers into regulars”. Your unit already works on this in Q4 2026:'
      + ' add to it rather than start again.')
    expect(ownEntry.text()).not.toContain('Consider contributing')
    expect(wrapper.get('[data-testid="draft-under-way-o-growth"]').text()).toContain('Consider contributing a key result to it')
  })

  it('words own work under way in German', async () => {
    const own = { ...UNDER_WAY, id: 'o-checkout', unitId: UNIT_ID, unitName: 'Checkout', ownWork: true }
    await openDrafts({ 'POST /api/v1/assist/drafts': { body: { ...DRAFT, underWay: [own] } } }, 'de')
    await generate()
    const ownEntry = wrapper.get('[data-testid="draft-under-way-o-checkout"]')
    expect(ownEntry.text()).toContain('„Turn first-time buyers into regulars“. Ihre Einheit arbeitet in Q4 2026 bereits daran:'
      + ' bauen Sie es aus, statt neu anzufangen.')
    expect(ownEntry.text()).not.toContain('Tragen Sie mit einem Schlüsselergebnis')
  })

  it('marks a key result another unit tracks', async () => {
    const tracked = {
      ...PROPOSAL.keyResults[0], id: 'p3-k1', title: 'Cut monthly customer churn from 4.6 % to 3.9 %', numbers: 'past',
      alreadyTrackedBy: { id: 'k-growth-churn', title: 'Cut monthly customer churn from 4.6 % to 3.9 %', objectiveId: 'o-growth',
        objectiveTitle: 'Turn first-time buyers into regulars', unitId: 'u-growth', unitName: 'Growth', cycleId: Q4, cycleKey: 'q4', cycleName: 'Q4 2026' },
    }
    const finding = { rule: 'already_tracked', severity: 'warning', target: 'p3-k1', why: 'Growth already tracks it.', fix: 'Contribute.' }
    const proposal = { ...PROPOSAL, id: 'p3', keyResults: [tracked, PROPOSAL.keyResults[1]], check: { score: 90, findings: [finding], passed: true } }
    await openDrafts({ 'POST /api/v1/assist/drafts': { body: { ...DRAFT, proposals: [proposal, PAST] } } })
    await generate()

    const card = wrapper.get('[data-testid="kr-p3-k1"]')
    const note = card.get('[data-testid="already-tracked-p3-k1"]')
    expect(note.text()).toBe('Growth already tracks this key result in Q4 2026: contribute to'
      + ' “Cut monthly customer churn from 4.6 % to 3.9 %” rather than measure it twice.')
    expect(note.get('a').attributes('href')).toBe('/nodes/k-growth-churn/impact')
    expect(card.get('[data-testid="numbers-p3-k1"]').text()).toBe('Already tracked')
    expect(card.text()).not.toContain('Growth already tracks it.')
    expect(wrapper.get('[data-testid="numbers-p1-k1"]').text()).toBe('Numbers from your KPI')
  })

  it('marks a tracked key result in German', async () => {
    const tracked = {
      ...PROPOSAL.keyResults[0], id: 'p3-k1', numbers: 'past',
      alreadyTrackedBy: { id: 'k-growth-churn', title: 'Cut monthly customer churn from 4.6 % to 3.9 %', objectiveId: 'o-growth',
        objectiveTitle: 'Turn first-time buyers into regulars', unitId: 'u-growth', unitName: 'Growth', cycleId: Q4, cycleKey: 'q4', cycleName: 'Q4 2026' },
    }
    const proposal = { ...PROPOSAL, id: 'p3', keyResults: [tracked, PROPOSAL.keyResults[1]] }
    await openDrafts({ 'POST /api/v1/assist/drafts': { body: { ...DRAFT, proposals: [proposal] } } }, 'de')
    await generate()
    expect(wrapper.get('[data-testid="already-tracked-p3-k1"]').text()).toBe('Growth verfolgt dieses Schlüsselergebnis in Q4 2026'
      + ' bereits: Tragen Sie zu „Cut monthly customer churn from 4.6 % to 3.9 %“ bei, statt dasselbe doppelt zu messen.')
    expect(wrapper.get('[data-testid="numbers-p3-k1"]').text()).toBe('Wird bereits verfolgt')
  })

  it('keeps ended key results plain', async () => {
    const own = { ...PROPOSAL.keyResults[0], id: 'p3-k1', numbers: 'past' }
    const proposal = { ...PROPOSAL, id: 'p3', keyResults: [own, PROPOSAL.keyResults[1]] }
    await openDrafts({ 'POST /api/v1/assist/drafts': { body: { ...DRAFT, proposals: [proposal] } } })
    await generate()
    expect(wrapper.get('[data-testid="numbers-p3-k1"]').text()).toBe('Numbers from your OKRs')
    expect(wrapper.find('[data-testid="already-tracked-p3-k1"]').exists()).toBe(false)
  })

  it('marks wording kept in English on a German page', async () => {
    const english = { ...PROPOSAL.keyResults[0], id: 'p3-k1', numbers: 'past', originalLanguage: 'en' }
    const german = { ...PROPOSAL.keyResults[1], id: 'p3-k2', title: 'Bestellungen als Gast von 10 % auf 30 % steigern', originalLanguage: null }
    const proposal = { ...PROPOSAL, id: 'p3', keyResults: [english, german], originalLanguage: 'en' }
    await openDrafts({ 'POST /api/v1/assist/drafts': { body: { ...DRAFT, language: 'de', proposals: [proposal, PROPOSAL] } } }, 'de')
    await generate()

    const card = wrapper.get('[data-testid="proposal-p3"]')
    expect(card.get('[data-testid="proposal-original-language"]').text()).toBe('Ihr OKR auf Englisch')
    expect(card.get('[data-testid="original-language-p3-k1"]').text()).toBe('Ihr OKR auf Englisch')
    expect(card.get('[data-testid="original-language-p3-k1"]').attributes('title')).toContain('keine Übersetzung')
    expect(card.find('[data-testid="original-language-p3-k2"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="proposal-p1"]').find('[data-testid="proposal-original-language"]').exists()).toBe(false)
  })

  it('shows no under-way list without entries', async () => {
    await openDrafts()
    await generate()
    expect(wrapper.find('[data-testid="draft-under-way"]').exists()).toBe(false)
  })

  it('names improved proposals by title', async () => {
    await openDrafts()
    await generate()
    expect(wrapper.get('[data-testid="draft-notes"]').text()).toContain(
      'Proposal “Win more new customers in our core markets” was improved: the quality check removed the key results “Launch the portal”.',
    )
  })

  it('shows proposals with score and sources', async () => {
    await openDrafts()
    await generate()
    expect(wrapper.get('[data-testid="proposal-p1"] [data-testid="proposal-score"]').text()).toBe('Quality 90/100')
    expect(wrapper.get('[data-testid="sources-p1"]').text()).toContain('Library example: sales')
    expect(wrapper.get('[data-testid="sources-p1"]').text()).not.toContain('sales-en-1')
    expect(wrapper.get('[data-testid="sources-p1-library-sales-en-1"]').attributes('title')).toBe('sales-en-1')
    expect(wrapper.get('[data-testid="sources-p1-k1"]').text()).toContain('KPI Win rate: now 21.5, target 27 from its green bound')
    expect(wrapper.get('[data-testid="sources-p1"]').text()).toContain('strong match')
    expect(wrapper.get('[data-testid="sources-p2"]').text()).toContain('Objective “Delight customers” of Checkout (Q4 2026)')
    expect(wrapper.get('[data-testid="draft-notes"]').text()).toContain('No language model is configured')
  })

  it('marks where the numbers come from', async () => {
    await openDrafts()
    await generate()
    const example = wrapper.get('[data-testid="numbers-p1-k2"]')
    expect(example.text()).toBe('Example numbers')
    expect(example.attributes('title')).toBe('Example numbers from the library: replace them with your baseline and target.')
    expect(wrapper.get('[data-testid="numbers-help-p1-k2"]').text()).toBe(
      'Example numbers from the library: replace them with your baseline and target.',
    )
    expect(wrapper.get('[data-testid="numbers-p1-k1"]').text()).toBe('Numbers from your KPI')
    expect(wrapper.find('[data-testid="numbers-help-p1-k1"]').exists()).toBe(false)
  })

  it('marks example numbers in German', async () => {
    await openDrafts({}, 'de')
    await generate()
    expect(wrapper.get('[data-testid="numbers-p1-k2"]').text()).toBe('Beispielzahlen')
    expect(wrapper.get('[data-testid="numbers-help-p1-k2"]').text()).toBe(
      'Beispielzahlen aus der Bibliothek: Ersetzen Sie sie durch Ihren Ausgangs- und Zielwert.',
    )
    expect(wrapper.get('[data-testid="numbers-p1-k1"]').text()).toBe('Zahlen aus Ihrer KPI')
  })

  it('links a past objective to its editor', async () => {
    await openDrafts()
    await generate()
    const link = wrapper.get('[data-testid="sources-p2-okr-o-1"]')
    expect(link.attributes('href')).toBe(`/units/${UNIT_ID}/edit?cycle=${Q4}`)
  })

  it('opens a cited library example', async () => {
    await openDrafts()
    await generate()
    await wrapper.get('[data-testid="sources-p1-library-sales-en-1"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="sources-p1-example"]').text()).toContain('deals: 40 → 60')
    expect(wrapper.get('[data-testid="sources-p1-example"]').text()).not.toContain('count')
  })

  it('records a rejection with its reason', async () => {
    await openDrafts()
    await generate()
    await wrapper.get('[data-testid="reject-p2"]').trigger('click')
    expect(requestsTo('POST', '/api/v1/decisions')).toHaveLength(0)
    await wrapper.get('[data-testid="reject-form-p2"] [data-testid="reject-reason-wrong_numbers"]').setValue(true)
    await wrapper.get('[data-testid="reject-form-p2"] [data-testid="reject-note"]').setValue('  Churn is 3 %, not 2.4 %  ')
    await wrapper.get('[data-testid="reject-form-p2"]').trigger('submit')
    await flushPromises()
    const [request] = requestsTo('POST', '/api/v1/decisions')
    expect(request.body.kind).toBe('draft.proposal')
    expect(request.body.decision).toBe('rejected')
    expect(request.body.ref).toBe('d-1')
    expect(request.body.evidence.title).toBe('Delight customers')
    expect(request.body.evidence.rejection).toEqual({ reason: 'wrong_numbers', note: 'Churn is 3 %, not 2.4 %' })
    expect(request.body.reason).toBe('Churn is 3 %, not 2.4 %')
    expect(wrapper.get('[data-testid="proposal-p2"]').attributes('data-decision')).toBe('rejected')
    expect(wrapper.get('[data-testid="proposal-p2"] [data-testid="proposal-rejected"]').text()).toBe(
      'Rejected: Baselines or targets are wrong: “Churn is 3 %, not 2.4 %”',
    )
  })

  it('rejects without a reason', async () => {
    await openDrafts()
    await generate()
    await wrapper.get('[data-testid="reject-p2"]').trigger('click')
    await wrapper.get('[data-testid="reject-form-p2"]').trigger('submit')
    await flushPromises()
    const [request] = requestsTo('POST', '/api/v1/decisions')
    expect(request.body.evidence.rejection).toEqual({ reason: null, note: '' })
    expect(request.body.reason).toBeUndefined()
    expect(wrapper.get('[data-testid="proposal-p2"] [data-testid="proposal-rejected"]').text()).toBe('Rejected')
  })

  it('accepts into the editor prefill', async () => {
    await openDrafts()
    await generate()
    await wrapper.get('[data-testid="accept-p1"]').trigger('click')
    await flushPromises()
    const [request] = requestsTo('POST', '/api/v1/decisions')
    expect(request.body.decision).toBe('accepted')
    expect(useDraftPrefillStore().proposalFor(UNIT_ID, Q4).title).toBe(PROPOSAL.title)
    // The editor's page is loaded on demand, so the navigation finishes after a module import.
    await vi.waitFor(() => expect(app.router.currentRoute.value.name).toBe('okr-editor'))
    expect(app.router.currentRoute.value.query.cycle).toBe(Q4)
  })

  it('names the score an accepted objective lowers', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-12-05T10:00:00Z'))
    await openDrafts()
    deliverUnitBoard(0.8, 0.6)
    await flushPromises()
    expect(wrapper.find('[data-testid="draft-score-drop"]').exists()).toBe(false)
    await generate()
    expect(wrapper.get('[data-testid="draft-score-drop"]').text()).toBe(
      'An accepted objective counts 0 % until its key results get values, so saving it lowers the score of Checkout Squad from 70.0 % to 46.7 %.',
    )
  })

  it('names the lowered score in German', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-12-05T10:00:00Z'))
    await openDrafts({}, 'de')
    deliverUnitBoard(0.8, 0.6)
    await generate()
    expect(wrapper.get('[data-testid="draft-score-drop"]').text()).toBe(
      'Ein übernommenes Ziel zählt 0 %, bis seine Schlüsselergebnisse Werte haben. Nach dem Speichern sinkt der Gesamtfortschritt von Checkout Squad daher von 70,0 % auf 46,7 %.',
    )
  })

  it('shows the limit error', async () => {
    await openDrafts({
      'POST /api/v1/assist/drafts': { status: 413, body: { error: { code: 'strategy_too_long', message: 'The strategy text is 9000 characters long; the limit is 8000.' } } },
    })
    await generate()
    expect(wrapper.get('[data-testid="error"]').text()).toContain('the limit is 8000')
  })

  it('speaks German', async () => {
    await openDrafts({}, 'de')
    await generate()
    expect(wrapper.get('[data-testid="accept-p1"]').text()).toBe('Übernehmen und im Editor öffnen')
    expect(wrapper.get('[data-testid="sources-p2"]').text()).toContain('Ziel „Delight customers“ von Checkout (Q4 2026)')
    expect(wrapper.get('[data-testid="sources-p1-k1"]').text()).toContain('KPI Win rate: aktuell 21,5, Ziel 27 aus der grünen Grenze')
    expect(wrapper.get('[data-testid="sources-p1"]').text()).toContain('starke Übereinstimmung')
    expect(wrapper.get('[data-testid="sources-p2"] [data-testid="source-score"]').attributes('title')).toContain('BM25-Relevanzwert 9,0')
    expect(wrapper.get('[data-testid="draft-strategy-length"]').text()).toBe('18 von 8.000 Zeichen')
  })

  it('labels each match and keeps the BM25 score in the tooltip', async () => {
    await openDrafts()
    await generate()
    const score = wrapper.get('[data-testid="sources-p2"] [data-testid="source-score"]')
    expect(score.text()).toBe('strong match')
    expect(score.text()).not.toContain('9')
    expect(score.attributes('title')).toBe(
      'BM25 relevance score 9.0: a higher score is a closer match to the strategy text, and it is not a percentage. '
      + "The label compares it with the best score among this draft's sources of the same kind: 100 % of it.",
    )
  })

  it('rates sources by the share of their search', async () => {
    const weaker = {
      ...PROPOSAL,
      id: 'p3',
      sources: [{ type: 'library', id: 'sales-en-2', function: 'sales', score: 2.5, relativeScore: 0.62, terms: ['custom', 'win'], phrases: [] }],
      keyResults: [{ ...PROPOSAL.keyResults[1], id: 'p3-k1', sources: [{ type: 'library', id: 'sales-en-2', function: 'sales', keyResult: 1, score: 2.5, relativeScore: 0.3, phrases: [] }] }],
    }
    const phraseBest = { ...PAST, id: 'p4', sources: [{ ...PAST.sources[0], id: 'o-2', score: 1.2, relativeScore: 1 }] }
    await openDrafts({ 'POST /api/v1/assist/drafts': { body: { ...DRAFT, proposals: [PROPOSAL, PAST, weaker, phraseBest] } } })
    await generate()
    const good = wrapper.get('[data-testid="sources-p3"] [data-testid="source-score"]')
    expect(good.text()).toBe('good match')
    expect(good.attributes('title')).toContain('BM25 relevance score 2.5')
    expect(good.attributes('title')).toContain('the best score of the search that found this source: 62 % of it.')
    expect(good.attributes('title')).toContain('Matched word stems: custom, win.')
    expect(wrapper.get('[data-testid="sources-p3-k1"] [data-testid="source-score"]').text()).toBe('weak match')
    expect(wrapper.get('[data-testid="sources-p4"] [data-testid="source-score"]').text()).toBe('strong match')
  })

  it('rates sources without a share against the draft', async () => {
    const translated = { ...PAST, id: 'p3', sources: [{ ...PAST.sources[0], id: 'o-3', score: 4 }] }
    await openDrafts({ 'POST /api/v1/assist/drafts': { body: { ...DRAFT, proposals: [PROPOSAL, PAST, translated] } } }, 'de')
    await generate()
    const weak = wrapper.get('[data-testid="sources-p3"] [data-testid="source-score"]')
    expect(weak.text()).toBe('schwache Übereinstimmung')
    expect(weak.attributes('title')).toContain('BM25-Relevanzwert 4,0')
    expect(weak.attributes('title')).toContain('in diesem Entwurf: 44 % davon.')
  })

  it('counts strategy characters with digit grouping', async () => {
    await openDrafts()
    await wrapper.get('[data-testid="draft-strategy"]').setValue('x'.repeat(1234))
    expect(wrapper.get('[data-testid="draft-strategy-length"]').text()).toBe('1,234 of 8,000 characters')
  })
})
