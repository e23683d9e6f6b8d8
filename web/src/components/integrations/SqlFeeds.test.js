import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { DEMO_USER, page } from '../../testing/fakeFetch.js'
import { mountPage } from '../../testing/mountPage.js'
import SqlFeeds from './SqlFeeds.vue'

let wrapper
let fake

const BASE = '/api/v1/kpis/sql-feeds'
const FINANCE = {
  id: 'f-finance', name: 'Finance warehouse', host: 'bi.example.com', port: 5432, database: 'finance', user: 'reader',
  passwordSet: true, sslMode: 'require', query: 'SELECT kpi, revenue, day FROM daily', kpiColumn: 'kpi', valueColumn: 'revenue',
  timeColumn: 'day', intervalMinutes: 60, timeoutSeconds: 60, maxRows: 50000, enabled: true,
  nextRunAt: '2026-12-05T10:00:00Z', running: false, version: 4,
  lastRun: {
    id: 'r-1', feedId: 'f-finance', trigger: 'schedule', status: 'succeeded', startedAt: '2026-12-05T09:00:00Z',
    finishedAt: '2026-12-05T09:00:02Z', rowsRead: 12, valuesPublished: 12, errorCode: null, errorMessage: null,
    errorCount: null, rowErrors: [],
  },
}
const REJECTED_RUN = {
  id: 'r-2', feedId: 'f-finance', trigger: 'manual', status: 'rejected', startedAt: '2026-12-05T09:30:00Z',
  finishedAt: '2026-12-05T09:30:01Z', rowsRead: 3, valuesPublished: 0, errorCode: 'invalid_rows', errorMessage: '1 of 3 rows',
  errorCount: 1,
  rowErrors: [{ field: 'row 2: revenue', code: 'not_number', message: '"lots" is not a finite number', params: { row: 2, column: 'revenue' } }],
}

function routes(extra = {}) {
  return {
    'GET /api/v1/auth/me': { body: { user: { ...DEMO_USER, scopes: ['read', 'write', 'admin'] } } },
    'GET /api/v1/cycles': page([]),
    [`GET ${BASE}`]: page([FINANCE]),
    ...extra,
  }
}

async function open({ canRun = true, canManage = true, extra = {}, locale = 'en' } = {}) {
  ;({ wrapper, fake } = await mountPage(SqlFeeds, { path: '/integrations', props: { canRun, canManage }, routes: routes(extra), locale }))
}

function requestsTo(method, path) {
  return fake.requests.filter((request) => request.method === method && request.path.split('?')[0] === path)
}

afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  vi.unstubAllGlobals()
})

describe('SQL feed list', () => {
  it('shows the source, schedule and last run', async () => {
    await open()
    const item = wrapper.get('[data-testid="sql-feed-f-finance"]')
    expect(item.text()).toContain('reader@bi.example.com:5432/finance')
    expect(item.get('[data-testid="sql-feed-schedule"]').text()).toContain('every 60 minutes')
    expect(item.get('[data-testid="sql-feed-last-run"]').text()).toContain('succeeded')
    expect(item.get('[data-testid="sql-feed-last-run"]').text()).toContain('12 rows read, 12 values published')
  })

  it('words the last run in German', async () => {
    await open({ locale: 'de' })
    expect(wrapper.get('[data-testid="sql-feed-last-run"]').text()).toContain('12 Zeilen gelesen, 12 Werte veröffentlicht')
    expect(wrapper.get('[data-testid="sql-feed-schedule"]').text()).toContain('alle 60 Minuten')
  })

  it('hides run and edit buttons from readers', async () => {
    await open({ canRun: false, canManage: false })
    expect(wrapper.find('[data-testid="sql-feed-run"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="sql-feed-edit"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="new-sql-feed"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="sql-feed-runs-toggle"]').exists()).toBe(true)
  })

  it('lets a writer run without managing', async () => {
    await open({ canRun: true, canManage: false })
    expect(wrapper.find('[data-testid="sql-feed-run"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="sql-feed-edit"]').exists()).toBe(false)
  })

  it('starts a run and says so', async () => {
    await open({ extra: { [`POST ${BASE}/f-finance/run`]: { status: 202, body: { id: 'r-3', status: 'running' } } } })
    await wrapper.get('[data-testid="sql-feed-run"]').trigger('click')
    await flushPromises()
    expect(requestsTo('POST', `${BASE}/f-finance/run`)).toHaveLength(1)
    expect(wrapper.get('[data-testid="sql-feeds-notice"]').text()).toBe('A run of Finance warehouse started.')
  })

  it('explains a run already in progress', async () => {
    await open({
      extra: { [`POST ${BASE}/f-finance/run`]: { status: 409, body: { error: { code: 'run_in_progress', message: 'running' } } } },
      locale: 'de',
    })
    await wrapper.get('[data-testid="sql-feed-run"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="error"]').text()).toContain('Ein Lauf dieses Feeds ist noch nicht beendet')
  })

  it('shows the run log with each bad row', async () => {
    await open({ extra: { [`GET ${BASE}/f-finance/runs`]: { body: { items: [REJECTED_RUN, FINANCE.lastRun] } } } })
    await wrapper.get('[data-testid="sql-feed-runs-toggle"]').trigger('click')
    await flushPromises()
    const run = wrapper.get('[data-testid="sql-feed-run-r-2"]')
    expect(run.text()).toContain('rejected')
    expect(run.text()).toContain('1 of 3 rows are invalid, so nothing was published')
    expect(run.text()).toContain('Row 2, revenue:')
  })

  it('deletes a feed with its version', async () => {
    await open({ extra: { [`DELETE ${BASE}/f-finance`]: { status: 204 } } })
    await wrapper.get('[data-testid="sql-feed-delete"]').trigger('click')
    await wrapper.get('[data-testid="sql-feed-delete-confirm-button"]').trigger('click')
    await flushPromises()
    const [request] = requestsTo('DELETE', `${BASE}/f-finance`)
    expect(request.headers['If-Match']).toBe('"4"')
    expect(wrapper.get('[data-testid="sql-feeds-notice"]').text()).toBe('SQL feed Finance warehouse deleted.')
  })
})

describe('SQL feed form', () => {
  async function fillNewFeed() {
    await wrapper.get('[data-testid="new-sql-feed"]').trigger('click')
    await wrapper.get('[data-testid="sql-feed-name"]').setValue('Sales')
    await wrapper.get('[data-testid="sql-feed-host"]').setValue('bi.example.com')
    await wrapper.get('[data-testid="sql-feed-database"]').setValue('sales')
    await wrapper.get('[data-testid="sql-feed-user"]').setValue('reader')
    await wrapper.get('[data-testid="sql-feed-password"]').setValue('s3cret')
    await wrapper.get('[data-testid="sql-feed-query"]').setValue('SELECT kpi, value FROM daily')
  }

  it('creates a feed with its password and no time column', async () => {
    await open({ extra: { [`POST ${BASE}`]: { status: 201, body: { ...FINANCE, id: 'f-sales', name: 'Sales', lastRun: null } } } })
    await fillNewFeed()
    await wrapper.get('[data-testid="sql-feed-form"]').trigger('submit')
    await flushPromises()
    const [request] = requestsTo('POST', BASE)
    expect(request.body).toMatchObject({ name: 'Sales', host: 'bi.example.com', password: 's3cret', timeColumn: null, kpiColumn: 'kpi' })
    expect(wrapper.get('[data-testid="sql-feeds-notice"]').text()).toBe('SQL feed Sales created.')
  })

  it('shows a rejected query at its field', async () => {
    const error = { code: 'validation_failed', message: 'invalid', fields: [{ field: 'query', code: 'semicolon', message: 'contains a semicolon' }] }
    await open({ extra: { [`POST ${BASE}`]: { status: 400, body: { error } } }, locale: 'de' })
    await fillNewFeed()
    await wrapper.get('[data-testid="sql-feed-form"]').trigger('submit')
    await flushPromises()
    const field = wrapper.get('[data-field="query"] [data-testid="field-error"]')
    expect(field.text()).toBe('Entfernen Sie das Semikolon: genau eine Abfrage, ohne abschließendes Semikolon.')
  })

  it('test run shows rows and their mapping', async () => {
    const preview = {
      columns: ['kpi', 'value'],
      rows: [
        { row: 1, values: { kpi: 'visits', value: 1200 }, mapped: { kpi: 'visits', value: '1200', time: '2026-12-05T09:00:00Z' }, errors: [] },
        { row: 2, values: { kpi: 'nope', value: 3 }, mapped: null, errors: [{ field: 'row 2: kpi', code: 'unknown_kpi', message: '"nope" names no KPI', params: { row: 2, column: 'kpi' } }] },
      ],
      more: false,
    }
    await open({ extra: { [`POST ${BASE}/preview`]: { body: preview } } })
    await fillNewFeed()
    await wrapper.get('[data-testid="sql-feed-test"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="sql-feed-preview-row-1"] [data-testid="sql-feed-preview-mapped"]').text())
      .toBe('visits = 1200 at 2026-12-05T09:00:00Z')
    expect(wrapper.get('[data-testid="sql-feed-preview-row-2"] [data-testid="sql-feed-preview-errors"]').text()).toContain('kpi: "nope" names no KPI')
    expect(requestsTo('POST', BASE)).toHaveLength(0)
  })

  it('explains a source that cannot be reached', async () => {
    const error = { code: 'connection_failed', message: 'Connecting to bi.example.com:5432/sales as reader failed: Connection refused' }
    await open({ extra: { [`POST ${BASE}/preview`]: { status: 502, body: { error } } }, locale: 'de' })
    await fillNewFeed()
    await wrapper.get('[data-testid="sql-feed-test"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="sql-feed-form"] [data-testid="error"]').text())
      .toBe(`Die Datenbank ist nicht erreichbar. Angaben des Servers: ${error.message}`)
  })

  it('test run of a saved feed uses its stored password', async () => {
    await open({ extra: { [`POST ${BASE}/preview`]: { body: { columns: [], rows: [], more: false } } } })
    await wrapper.get('[data-testid="sql-feed-edit"]').trigger('click')
    await wrapper.get('[data-testid="sql-feed-test"]').trigger('click')
    await flushPromises()
    const [request] = requestsTo('POST', `${BASE}/preview`)
    expect(request.body.feedId).toBe('f-finance')
    expect(request.body).not.toHaveProperty('password')
    expect(wrapper.get('[data-testid="sql-feed-preview-empty"]').text()).toBe('The query returned no rows.')
  })

  it('sends only changed fields with the version', async () => {
    await open({ extra: { [`PATCH ${BASE}/f-finance`]: { body: { ...FINANCE, intervalMinutes: 15, version: 5 } } } })
    await wrapper.get('[data-testid="sql-feed-edit"]').trigger('click')
    await wrapper.get('[data-testid="sql-feed-interval"]').setValue('15')
    await wrapper.get('[data-testid="sql-feed-form"]').trigger('submit')
    await flushPromises()
    const [request] = requestsTo('PATCH', `${BASE}/f-finance`)
    expect(request.body).toEqual({ intervalMinutes: 15, version: 4 })
  })
})
