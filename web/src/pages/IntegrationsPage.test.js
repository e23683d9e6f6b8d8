import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { DEMO_USER, page } from '../testing/fakeFetch.js'
import { mountPage } from '../testing/mountPage.js'
import IntegrationsPage from './IntegrationsPage.vue'

let wrapper
let fake

const WRITER = { ...DEMO_USER, scopes: ['read', 'write'] }
const READER = { ...DEMO_USER, scopes: ['read'] }
const BASE = '/api/v1/integrations/connections'
const SHOP = {
  id: 'c-shop', kind: 'jira', name: 'Shop site', storyPointsField: 'customfield_10016', webhookPath: '/api/v1/integrations/jira/c-shop',
  secretSet: true, createdAt: '2026-11-02T08:00:00Z', updatedAt: '2026-11-02T08:00:00Z', version: 2,
}
const PLATFORM = { id: 'c-platform', kind: 'azure_devops', name: 'Platform board', storyPointsField: null, webhookPath: null, secretSet: true, version: 1 }
const REDESIGN = { id: 'i-redesign', key: 'checkout-redesign', title: 'Rebuild checkout', version: 3 }
const PAYMENTS = { id: 'i-payments', key: 'payments-eu', title: 'Pay in euros', version: 1 }
const RULES = [
  { id: 'r-epic', connectionId: 'c-shop', position: 0, matchKind: 'issue_key', matchValue: 'SHOP-42', initiativeId: 'i-redesign', version: 1 },
  { id: 'r-label', connectionId: 'c-shop', position: 1, matchKind: 'label', matchValue: 'payments', initiativeId: 'i-payments', version: 4 },
  { id: 'r-project', connectionId: 'c-shop', position: 2, matchKind: 'project', matchValue: 'SHOP', initiativeId: 'i-archived', version: 2 },
]

function routes(extra = {}) {
  return {
    'GET /api/v1/auth/me': { body: { user: WRITER } },
    'GET /api/v1/cycles': page([]),
    [`GET ${BASE}`]: page([SHOP]),
    'GET /api/v1/initiatives': page([REDESIGN, PAYMENTS]),
    [`GET ${BASE}/c-shop/rules`]: { body: { items: RULES } },
    [`GET ${BASE}/c-platform/rules`]: { body: { items: [] } },
    'GET /api/v1/kpis/sql-feeds': page([]),
    ...extra,
  }
}

async function openPage(extra = {}, locale = 'en') {
  ;({ wrapper, fake } = await mountPage(IntegrationsPage, { path: '/integrations', routes: routes(extra), locale }))
}

function requestsTo(method, path) {
  return fake.requests.filter((request) => request.method === method && request.path.split('?')[0] === path)
}

function validationError(field, code, message, params = {}) {
  return { status: 400, body: { error: { code: 'validation_failed', message: `${field}: ${message}`, fields: [{ field, code, message, params }] } } }
}

function staleError(current) {
  return { status: 409, body: { error: { code: 'stale_version', message: 'changed meanwhile', currentVersion: current.version, current } } }
}

async function submit(selector) {
  await wrapper.get(selector).trigger('submit')
  await flushPromises()
}

async function click(selector) {
  await wrapper.get(selector).trigger('click')
  await flushPromises()
}

afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  vi.unstubAllGlobals()
})

describe('integrations page connections', () => {
  it('lists a connection with its facts', async () => {
    await openPage()
    const card = wrapper.get('[data-testid="connection-c-shop"]')
    expect(card.get('h2').text()).toBe('Shop site')
    expect(card.get('[data-testid="connection-kind-text"]').text()).toBe('Jira Cloud')
    expect(card.get('[data-testid="connection-points-text"]').text()).toBe('customfield_10016')
  })

  it('shows the webhook address on this origin', async () => {
    await openPage()
    const address = wrapper.get('[data-testid="connection-webhook"]').element.value
    expect(address).toBe(`${window.location.origin}/api/v1/integrations/jira/c-shop`)
  })

  it('copies the webhook address', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined)
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } })
    await openPage()
    await click('[data-testid="connection-copy"]')
    expect(writeText).toHaveBeenCalledWith(`${window.location.origin}/api/v1/integrations/jira/c-shop`)
    expect(wrapper.get('[data-testid="connection-copied"]').text()).toBe('Copied')
  })

  it('selects the address when copying is refused', async () => {
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText: vi.fn().mockRejectedValue(new Error('not allowed')) } })
    await openPage()
    await click('[data-testid="connection-copy"]')
    expect(wrapper.get('[data-testid="integrations-notice"]').text()).toMatch(/address is selected/)
    expect(wrapper.find('[data-testid="connection-copied"]').exists()).toBe(false)
  })

  it('says when a connection has no webhook address', async () => {
    await openPage({ [`GET ${BASE}`]: page([PLATFORM]) })
    expect(wrapper.find('[data-testid="connection-webhook"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="connection-no-webhook"]').exists()).toBe(true)
  })

  it('says when there are no connections', async () => {
    await openPage({ [`GET ${BASE}`]: page([]) })
    expect(wrapper.find('[data-testid="no-connections"]').exists()).toBe(true)
  })

  it('creates a Jira connection', async () => {
    const created = { ...SHOP, id: 'c-new', name: 'Marketplace', webhookPath: '/api/v1/integrations/jira/c-new', version: 1 }
    await openPage({ [`POST ${BASE}`]: { status: 201, body: created } })
    await click('[data-testid="new-connection"]')
    await wrapper.get('[data-testid="connection-name"]').setValue('Marketplace')
    await wrapper.get('[data-testid="connection-secret"]').setValue('a-long-shared-secret-1')
    await wrapper.get('[data-testid="connection-points"]').setValue('customfield_10024')
    await submit('[data-testid="connection-form"]')
    expect(requestsTo('POST', BASE)[0].body).toEqual({ kind: 'jira', name: 'Marketplace', secret: 'a-long-shared-secret-1', storyPointsField: 'customfield_10024' })
    expect(wrapper.get('[data-testid="integrations-notice"]').text()).toBe('Connection Marketplace created. Copy its webhook address into the tracker.')
    expect(wrapper.find('[data-testid="connection-form"]').exists()).toBe(false)
  })

  it('creates an Azure DevOps connection without a points field', async () => {
    await openPage({ [`POST ${BASE}`]: { status: 201, body: { ...PLATFORM, version: 1 } } })
    await click('[data-testid="new-connection"]')
    await wrapper.get('[data-testid="connection-kind"]').setValue('azure_devops')
    expect(wrapper.find('[data-testid="connection-points"]').exists()).toBe(false)
    await wrapper.get('[data-testid="connection-name"]').setValue('Platform board')
    await wrapper.get('[data-testid="connection-secret"]').setValue('another-long-secret')
    await submit('[data-testid="connection-form"]')
    expect(requestsTo('POST', BASE)[0].body).toEqual({ kind: 'azure_devops', name: 'Platform board', secret: 'another-long-secret' })
  })

  it('hides the secret unless asked to show it', async () => {
    await openPage()
    await click('[data-testid="new-connection"]')
    expect(wrapper.get('[data-testid="connection-secret"]').attributes('type')).toBe('password')
    await click('[data-testid="connection-secret-toggle"]')
    expect(wrapper.get('[data-testid="connection-secret"]').attributes('type')).toBe('text')
  })

  it('generates a visible secret of 32 characters', async () => {
    await openPage()
    await click('[data-testid="new-connection"]')
    await click('[data-testid="connection-secret-generate"]')
    const input = wrapper.get('[data-testid="connection-secret"]')
    expect(input.element.value).toMatch(/^[A-Za-z0-9]{32}$/)
    expect(input.attributes('type')).toBe('text')
  })

  it('never shows the stored secret when editing', async () => {
    await openPage()
    await click('[data-testid="connection-edit"]')
    expect(wrapper.get('[data-testid="connection-secret"]').element.value).toBe('')
    expect(wrapper.get('[data-testid="connection-kind"]').attributes('disabled')).toBeDefined()
  })

  it('saves a new name with the version read', async () => {
    await openPage({ [`PATCH ${BASE}/c-shop`]: { body: { ...SHOP, name: 'Shop EU', version: 3, rules: RULES } } })
    await click('[data-testid="connection-edit"]')
    await wrapper.get('[data-testid="connection-name"]').setValue('Shop EU')
    await submit('[data-testid="connection-form"]')
    expect(requestsTo('PATCH', `${BASE}/c-shop`)[0].body).toEqual({ name: 'Shop EU', version: 2 })
    expect(wrapper.get('[data-testid="integrations-notice"]').text()).toBe('Connection Shop EU saved.')
  })

  it('rotates the secret', async () => {
    await openPage({ [`PATCH ${BASE}/c-shop`]: { body: { ...SHOP, version: 3 } } })
    await click('[data-testid="connection-edit"]')
    await wrapper.get('[data-testid="connection-secret"]').setValue('the-rotated-secret-2026')
    await submit('[data-testid="connection-form"]')
    expect(requestsTo('PATCH', `${BASE}/c-shop`)[0].body).toEqual({ secret: 'the-rotated-secret-2026', version: 2 })
  })

  it('deletes a connection after confirmation', async () => {
    await openPage({ [`DELETE ${BASE}/c-shop`]: { status: 204 } })
    await click('[data-testid="connection-delete"]')
    expect(requestsTo('DELETE', `${BASE}/c-shop`)).toHaveLength(0)
    await click('[data-testid="connection-delete-confirm-button"]')
    const [request] = requestsTo('DELETE', `${BASE}/c-shop`)
    expect(request.headers['If-Match']).toBe('"2"')
    expect(wrapper.get('[data-testid="integrations-notice"]').text()).toBe('Connection Shop site deleted.')
  })

  it('reloads instead of deleting a changed connection', async () => {
    await openPage({ [`DELETE ${BASE}/c-shop`]: staleError({ ...SHOP, version: 3 }) })
    await click('[data-testid="connection-delete"]')
    await click('[data-testid="connection-delete-confirm-button"]')
    expect(wrapper.get('[data-testid="integrations-notice"]').text()).toMatch(/changed by someone else in the meantime and was not deleted/)
    expect(requestsTo('GET', BASE)).toHaveLength(2)
  })

  it('is read-only without the write scope', async () => {
    await openPage({ 'GET /api/v1/auth/me': { body: { user: READER } } })
    expect(wrapper.find('[data-testid="integrations-read-only"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="new-connection"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="connection-edit"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="rule-up"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="rule-new"]').exists()).toBe(false)
  })
})

describe('integrations page state maps', () => {
  const MAPPED = { ...PLATFORM, webhookPath: '/api/v1/integrations/azure-devops/c-platform', stateMap: { 'In Review': 'resolved' } }

  function stateRows() {
    return wrapper.findAll('[data-testid="state-row"]').map((row) => `${row.get('[data-testid="state-name"]').element.value} → ${row.get('[data-testid="state-category"]').element.value}`)
  }

  it('sends the states of a new Azure DevOps connection', async () => {
    await openPage({ [`POST ${BASE}`]: { status: 201, body: { ...MAPPED, stateMap: { 'Ready for QA': 'completed' } } } })
    await click('[data-testid="new-connection"]')
    await wrapper.get('[data-testid="connection-kind"]').setValue('azure_devops')
    await wrapper.get('[data-testid="connection-name"]').setValue('Platform board')
    await wrapper.get('[data-testid="connection-secret"]').setValue('another-long-secret')
    await click('[data-testid="state-add"]')
    await click('[data-testid="state-add"]')
    await wrapper.findAll('[data-testid="state-name"]')[0].setValue(' Ready for QA ')
    await wrapper.findAll('[data-testid="state-name"]')[1].setValue('Parked')
    await wrapper.findAll('[data-testid="state-remove"]')[1].trigger('click')
    await submit('[data-testid="connection-form"]')
    expect(requestsTo('POST', BASE)[0].body).toEqual({
      kind: 'azure_devops', name: 'Platform board', secret: 'another-long-secret', stateMap: { 'Ready for QA': 'completed' },
    })
  })

  it('shows no state list for Jira', async () => {
    await openPage()
    await click('[data-testid="new-connection"]')
    expect(wrapper.find('[data-testid="connection-state-map"]').exists()).toBe(false)
  })

  it('edits the stored states', async () => {
    await openPage({ [`GET ${BASE}`]: page([MAPPED]), [`PATCH ${BASE}/c-platform`]: { body: { ...MAPPED, version: 2 } } })
    await click('[data-testid="connection-edit"]')
    expect(stateRows()).toEqual(['In Review → resolved'])
    await wrapper.get('[data-testid="state-category"]').setValue('completed')
    await click('[data-testid="state-add"]')
    await wrapper.findAll('[data-testid="state-name"]')[1].setValue('Parked')
    await wrapper.findAll('[data-testid="state-category"]')[1].setValue('removed')
    await submit('[data-testid="connection-form"]')
    expect(requestsTo('PATCH', `${BASE}/c-platform`)[0].body).toEqual({
      stateMap: { 'In Review': 'completed', Parked: 'removed' }, version: 1,
    })
  })

  it.each([
    ['en', 'State categories', 'Add state', 'Resolved (in progress)', 'In Review: "done" is not a state category. Choose proposed, in progress, resolved, completed or removed.'],
    ['de', 'Zustandskategorien', 'Zustand hinzufügen', 'Gelöst (in Arbeit)', 'In Review: „done“ ist keine Zustandskategorie. Wählen Sie vorgeschlagen, in Arbeit, gelöst, abgeschlossen oder entfernt.'],
  ])('words the state list and its errors in %s', async (locale, legend, add, category, error) => {
    const invalid = validationError('stateMap.In Review', 'state_category', 'is done, which is not a state category', { value: 'done' })
    await openPage({ [`GET ${BASE}`]: page([MAPPED]), [`PATCH ${BASE}/c-platform`]: invalid }, locale)
    await click('[data-testid="connection-edit"]')
    await wrapper.get('[data-testid="state-name"]').setValue('In review')
    await submit('[data-testid="connection-form"]')
    expect(wrapper.get('[data-testid="connection-state-map"] legend').text()).toBe(legend)
    expect(wrapper.get('[data-testid="state-add"]').text()).toBe(add)
    expect(wrapper.get('[data-testid="state-category"] option:checked').text()).toBe(category)
    expect(wrapper.get('[data-testid="state-map-error"]').text()).toBe(error)
    expect(wrapper.find('[data-testid="connection-form"] [data-testid="error"]').exists()).toBe(false)
  })

  it('stops adding states at the limit', async () => {
    const full = Object.fromEntries(Array.from({ length: 100 }, (_, index) => [`State ${index}`, 'proposed']))
    await openPage({ [`GET ${BASE}`]: page([{ ...MAPPED, stateMap: full }]) })
    await click('[data-testid="connection-edit"]')
    expect(wrapper.findAll('[data-testid="state-row"]')).toHaveLength(100)
    expect(wrapper.get('[data-testid="state-add"]').attributes('disabled')).toBeDefined()
  })
})

describe('integrations page connection conflicts', () => {
  async function renameIntoConflict(extra = {}) {
    await openPage(extra)
    await click('[data-testid="connection-edit"]')
    await wrapper.get('[data-testid="connection-name"]').setValue('Shop EU')
    await submit('[data-testid="connection-form"]')
  }

  it('compares the stored name with the typed one', async () => {
    await renameIntoConflict({ [`PATCH ${BASE}/c-shop`]: staleError({ ...SHOP, name: 'Shop DACH', version: 5 }) })
    expect(wrapper.get('[data-testid="conflict-name"] .theirs').text()).toBe('Shop DACH')
    expect(wrapper.get('[data-testid="conflict-name"] .mine').text()).toBe('Shop EU')
  })

  it('saves again over the stored version', async () => {
    let calls = 0
    const patch = () => {
      calls += 1
      return calls === 1 ? staleError({ ...SHOP, name: 'Shop DACH', version: 5 }) : { body: { ...SHOP, name: 'Shop EU', version: 6 } }
    }
    await renameIntoConflict({ [`PATCH ${BASE}/c-shop`]: patch })
    await click('[data-testid="conflict-retry"]')
    expect(requestsTo('PATCH', `${BASE}/c-shop`)[1].body).toEqual({ name: 'Shop EU', version: 5 })
    expect(wrapper.find('[data-testid="conflict"]').exists()).toBe(false)
  })

  it('keeps the stored version on request', async () => {
    await renameIntoConflict({ [`PATCH ${BASE}/c-shop`]: staleError({ ...SHOP, name: 'Shop DACH', version: 5 }) })
    await click('[data-testid="conflict-dismiss"]')
    expect(wrapper.find('[data-testid="connection-form"]').exists()).toBe(false)
    expect(requestsTo('GET', BASE)).toHaveLength(2)
  })

  it('hides a rotated secret in the comparison', async () => {
    await openPage({ [`PATCH ${BASE}/c-shop`]: staleError({ ...SHOP, version: 5 }) })
    await click('[data-testid="connection-edit"]')
    await wrapper.get('[data-testid="connection-secret"]').setValue('the-rotated-secret-2026')
    await submit('[data-testid="connection-form"]')
    expect(wrapper.get('[data-testid="conflict-secret"] .mine').text()).toBe('replaced (hidden)')
    expect(wrapper.text()).not.toContain('the-rotated-secret-2026'.slice(4))
  })
})

// One row per server field error a connection form can get: the field, the server's error and the texts at the field.
const CONNECTION_FIELD_ERRORS = [
  {
    field: 'secret',
    error: validationError('secret', 'too_short', 'is 9 characters long; use at least 16', { length: 9, minimum: 16 }),
    en: 'Too short: 9 characters, at least 16 are needed. Enter a longer value.',
    de: 'Zu kurz: 9 Zeichen, nötig sind mindestens 16. Geben Sie einen längeren Wert ein.',
  },
  {
    field: 'storyPointsField',
    error: validationError('storyPointsField', 'field_format', 'must be a field id', { value: 'Story Points' }),
    en: '"Story Points" is not a field id. Enter the id from Jira\'s field settings, such as customfield_10016.',
    de: '„Story Points“ ist keine Feld-ID. Geben Sie die ID aus den Feldeinstellungen von Jira ein, etwa customfield_10016.',
  },
  {
    field: 'name',
    error: { status: 409, body: { error: { code: 'conflict', message: 'Another connection has this name', fields: [{ field: 'name', code: 'taken', message: 'is already taken' }] } } },
    en: 'Another connection of your organisation has this name. Choose another name.',
    de: 'Eine andere Verbindung Ihrer Organisation hat diesen Namen. Wählen Sie einen anderen.',
  },
  {
    field: 'name',
    error: validationError('name', 'too_long', 'is 101 characters long', { length: 101, limit: 100 }),
    en: 'Too long: 101 characters, at most 100 are allowed. Shorten it.',
    de: 'Zu lang: 101 Zeichen, erlaubt sind höchstens 100. Bitte kürzen.',
  },
]

describe('integrations page connection field errors', () => {
  const rows = CONNECTION_FIELD_ERRORS.flatMap((row) => ['en', 'de'].map((locale) => ({ ...row, locale, expected: row[locale], code: row.error.body.error.fields[0].code })))

  it.each(rows)('shows $code at $field in $locale', async ({ field, error, locale, expected }) => {
    await openPage({ [`POST ${BASE}`]: error }, locale)
    await click('[data-testid="new-connection"]')
    await wrapper.get('[data-testid="connection-name"]').setValue('Shop site')
    await wrapper.get('[data-testid="connection-secret"]').setValue('short')
    await submit('[data-testid="connection-form"]')
    expect(wrapper.get(`[data-testid="connection-form"] [data-field="${field}"] [data-testid="field-error"]`).text()).toBe(expected)
    expect(wrapper.find('[data-testid="connection-form"] [data-testid="error"]').exists()).toBe(false)
  })
})

describe('integrations page mapping rules', () => {
  function ruleTexts() {
    return wrapper.findAll('[data-testid="rules-c-shop"] li.rule').map((item) => `${item.get('[data-testid="rule-match"]').text()} → ${item.get('[data-testid="rule-target"]').text()}`)
  }

  it('lists the rules in the order they are tried', async () => {
    await openPage()
    expect(ruleTexts()).toEqual([
      'Issue key SHOP-42 → Rebuild checkout (checkout-redesign)',
      'Label payments → Pay in euros (payments-eu)',
      'Project SHOP → Archived initiative: this rule is skipped',
    ])
  })

  it('says when a connection has no rules', async () => {
    await openPage({ [`GET ${BASE}/c-shop/rules`]: { body: { items: [] } } })
    expect(wrapper.find('[data-testid="no-rules"]').exists()).toBe(true)
  })

  it('adds a rule for a chosen initiative', async () => {
    const created = { id: 'r-new', connectionId: 'c-shop', position: 3, matchKind: 'label', matchValue: 'checkout', initiativeId: 'i-payments', version: 1 }
    await openPage({ [`POST ${BASE}/c-shop/rules`]: { status: 201, body: created } })
    await click('[data-testid="rule-new"]')
    const form = wrapper.get('[data-testid="rules-c-shop"] [data-testid="rule-form"]')
    await form.get('[data-testid="rule-kind"]').setValue('label')
    await form.get('[data-testid="rule-value"]').setValue(' checkout ')
    await form.get('[data-testid="rule-initiative"]').setValue('i-payments')
    await form.trigger('submit')
    await flushPromises()
    expect(requestsTo('POST', `${BASE}/c-shop/rules`)[0].body).toEqual({ matchKind: 'label', matchValue: 'checkout', initiativeId: 'i-payments' })
    expect(wrapper.get('[data-testid="rules-notice"]').text()).toBe('Rule checkout saved.')
    expect(requestsTo('GET', `${BASE}/c-shop/rules`)).toHaveLength(2)
  })

  it('offers every live initiative as target', async () => {
    await openPage()
    await click('[data-testid="rule-new"]')
    const options = wrapper.findAll('[data-testid="rule-initiative"] option').map((option) => option.text())
    expect(options).toEqual(['Choose an initiative', 'Rebuild checkout (checkout-redesign)', 'Pay in euros (payments-eu)'])
  })

  it('edits the value of a rule', async () => {
    await openPage({ [`PATCH ${BASE}/c-shop/rules/r-label`]: { body: { ...RULES[1], matchValue: 'sepa', version: 5 } } })
    await click('[data-testid="rule-1"] [data-testid="rule-edit"]')
    await wrapper.get('[data-testid="rule-1"] [data-testid="rule-value"]').setValue('sepa')
    await submit('[data-testid="rule-1"] [data-testid="rule-form"]')
    expect(requestsTo('PATCH', `${BASE}/c-shop/rules/r-label`)[0].body).toEqual({ matchValue: 'sepa', version: 4 })
  })

  it('moves a rule up before its neighbour', async () => {
    await openPage({ [`PATCH ${BASE}/c-shop/rules/r-label`]: { body: { ...RULES[1], position: 0, version: 5 } } })
    await click('[data-testid="rule-1"] [data-testid="rule-up"]')
    expect(requestsTo('PATCH', `${BASE}/c-shop/rules/r-label`)[0].body).toEqual({ position: 0, version: 4 })
    expect(wrapper.get('[data-testid="rules-notice"]').text()).toBe('Rule payments moved up.')
    expect(requestsTo('GET', `${BASE}/c-shop/rules`)).toHaveLength(2)
  })

  it('moves a rule down after its neighbour', async () => {
    await openPage({ [`PATCH ${BASE}/c-shop/rules/r-epic`]: { body: { ...RULES[0], position: 2, version: 2 } } })
    await click('[data-testid="rule-0"] [data-testid="rule-down"]')
    expect(requestsTo('PATCH', `${BASE}/c-shop/rules/r-epic`)[0].body).toEqual({ position: 2, version: 1 })
  })

  it('cannot move the first rule up or the last down', async () => {
    await openPage()
    expect(wrapper.get('[data-testid="rule-0"] [data-testid="rule-up"]').attributes('disabled')).toBeDefined()
    expect(wrapper.get('[data-testid="rule-2"] [data-testid="rule-down"]').attributes('disabled')).toBeDefined()
  })

  it('reloads the rules after a stale move', async () => {
    await openPage({ [`PATCH ${BASE}/c-shop/rules/r-label`]: staleError({ ...RULES[1], version: 6 }) })
    await click('[data-testid="rule-1"] [data-testid="rule-up"]')
    expect(wrapper.get('[data-testid="rules-notice"]').text()).toMatch(/changed these rules in the meantime/)
    expect(requestsTo('GET', `${BASE}/c-shop/rules`)).toHaveLength(2)
  })

  it('deletes a rule after confirmation', async () => {
    await openPage({ [`DELETE ${BASE}/c-shop/rules/r-project`]: { status: 204 } })
    await click('[data-testid="rule-2"] [data-testid="rule-delete"]')
    expect(wrapper.get('[data-testid="rule-delete-confirm"]').text()).toMatch(/Delete the rule Project SHOP\?/)
    await click('[data-testid="rule-delete-confirm-button"]')
    expect(requestsTo('DELETE', `${BASE}/c-shop/rules/r-project`)[0].headers['If-Match']).toBe('"2"')
    expect(wrapper.get('[data-testid="rules-notice"]').text()).toBe('Rule SHOP deleted.')
  })

  it('compares a rule changed by someone else', async () => {
    await openPage({ [`PATCH ${BASE}/c-shop/rules/r-label`]: staleError({ ...RULES[1], initiativeId: 'i-redesign', version: 7 }) })
    await click('[data-testid="rule-1"] [data-testid="rule-edit"]')
    await wrapper.get('[data-testid="rule-1"] [data-testid="rule-initiative"]').setValue('i-redesign')
    await wrapper.get('[data-testid="rule-1"] [data-testid="rule-value"]').setValue('sepa')
    await submit('[data-testid="rule-1"] [data-testid="rule-form"]')
    expect(wrapper.get('[data-testid="conflict-matchValue"] .theirs').text()).toBe('payments')
    expect(wrapper.get('[data-testid="conflict-matchValue"] .mine').text()).toBe('sepa')
    expect(wrapper.get('[data-testid="conflict-initiativeId"] .mine').text()).toBe('Rebuild checkout (checkout-redesign)')
  })

  it('says when a connection has too many rules', async () => {
    await openPage({ [`POST ${BASE}/c-shop/rules`]: { status: 409, body: { error: { code: 'too_many_rules', message: 'at most 500', limit: 500 } } } })
    await click('[data-testid="rule-new"]')
    await wrapper.get('[data-testid="rule-value"]').setValue('SHOP-7')
    await wrapper.get('[data-testid="rule-initiative"]').setValue('i-redesign')
    await submit('[data-testid="rule-form"]')
    expect(wrapper.get('[data-testid="rule-form"] [data-testid="error"]').text()).toBe('A connection has at most 500 mapping rules. Combine rules by project or label.')
  })

  it('shows German rule texts', async () => {
    await openPage({}, 'de')
    expect(ruleTexts()[0]).toBe('Vorgangsschlüssel SHOP-42 → Rebuild checkout (checkout-redesign)')
    expect(wrapper.get('h1').text()).toBe('Integrationen')
  })
})

// One row per server field error a rule form can get.
const RULE_FIELD_ERRORS = [
  {
    field: 'matchValue',
    error: validationError('matchValue', 'match_value_format', 'must be an issue key such as "SHOP-42"', { matchKind: 'issue_key', value: 'SHOP 42' }),
    en: '"SHOP 42" is not an issue key. Enter the project key, a dash and the number, such as SHOP-42.',
    de: '„SHOP 42“ ist kein Vorgangsschlüssel. Geben Sie den Projektschlüssel, einen Bindestrich und die Nummer ein, etwa SHOP-42.',
  },
  {
    field: 'matchValue',
    error: validationError('matchValue', 'match_value_format', 'must be a label without spaces', { matchKind: 'label', value: 'SHOP 42' }),
    en: '"SHOP 42" is not a label. Jira labels have no spaces; enter one label, such as checkout.',
    de: '„SHOP 42“ ist kein Label. Jira-Labels haben keine Leerzeichen; geben Sie ein Label ein, etwa checkout.',
  },
  {
    field: 'matchValue',
    error: validationError('matchValue', 'match_value_format', 'must be a project key', { matchKind: 'project', value: 'SHOP 42' }),
    en: '"SHOP 42" is not a project key. Enter letters and digits without spaces or dashes, such as SHOP.',
    de: '„SHOP 42“ ist kein Projektschlüssel. Geben Sie Buchstaben und Ziffern ohne Leerzeichen oder Bindestriche ein, etwa SHOP.',
  },
  {
    field: 'initiativeId',
    error: validationError('initiativeId', 'unknown_reference', 'names no live initiative of your organisation'),
    en: 'The chosen entry does not exist in your organisation, or it was archived. Choose another one.',
    de: /existiert in Ihrer Organisation nicht/,
  },
  {
    field: 'matchValue',
    error: validationError('matchValue', 'too_long', 'is 256 characters long', { length: 256, limit: 255 }),
    en: 'Too long: 256 characters, at most 255 are allowed. Shorten it.',
    de: 'Zu lang: 256 Zeichen, erlaubt sind höchstens 255. Bitte kürzen.',
  },
  {
    field: 'matchKind',
    error: validationError('matchKind', 'not_allowed', 'must be one of', { value: 'jql', allowed: ['issue_key', 'label', 'project'] }),
    en: '"jql" is not possible here. Choose one of: issue_key, label, project.',
    de: /„jql“ ist hier nicht möglich/,
  },
]

describe('integrations page rule field errors', () => {
  const rows = RULE_FIELD_ERRORS.flatMap((row) => ['en', 'de'].map((locale) => ({ ...row, locale, expected: row[locale], code: row.error.body.error.fields[0].code })))

  it.each(rows)('shows $code at $field in $locale', async ({ field, error, locale, expected }) => {
    await openPage({ [`POST ${BASE}/c-shop/rules`]: error }, locale)
    await click('[data-testid="rule-new"]')
    await wrapper.get('[data-testid="rule-value"]').setValue('SHOP 42')
    await wrapper.get('[data-testid="rule-initiative"]').setValue('i-redesign')
    await submit('[data-testid="rule-form"]')
    const text = wrapper.get(`[data-testid="rule-form"] [data-field="${field}"] [data-testid="field-error"]`).text()
    if (expected instanceof RegExp) {
      expect(text).toMatch(expected)
    } else {
      expect(text).toBe(expected)
    }
  })
})
