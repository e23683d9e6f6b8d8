import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { outcomeRoutes } from '../__fixtures__/outcomeModel.js'
import { mountPage } from '../testing/mountPage.js'
import KpiListPage from '../pages/KpiListPage.vue'

// An XMLHttpRequest stand-in the test drives: it records the request, and the test reports
// upload progress and answers it.
class FakeXhr {
  static last = null

  constructor() {
    this.upload = {}
    this.headers = {}
    this.status = 0
    this.responseText = ''
    FakeXhr.last = this
  }

  open(method, path) {
    this.method = method
    this.path = path
  }

  setRequestHeader(name, value) {
    this.headers[name] = value
  }

  send(body) {
    this.body = body
  }

  abort() {
    this.onabort?.()
  }

  progress(loaded, total) {
    this.upload.onprogress?.({ loaded, total, lengthComputable: true })
  }

  answer(status, body) {
    this.upload.onload?.()
    this.status = status
    this.responseText = JSON.stringify(body)
    this.onload?.()
  }
}

let wrapper

afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  FakeXhr.last = null
  vi.unstubAllGlobals()
})

async function openUpload(locale = 'en') {
  ;({ wrapper } = await mountPage(KpiListPage, { path: '/kpis', routes: outcomeRoutes(), locale }))
  vi.stubGlobal('XMLHttpRequest', FakeXhr)
  await wrapper.get('[data-testid="open-kpi-upload"]').trigger('click')
}

async function chooseFile(text, name = 'values.csv') {
  const file = new File([text], name, { type: 'text/csv' })
  const input = wrapper.get('[data-testid="kpi-upload-file"]')
  Object.defineProperty(input.element, 'files', { value: [file], configurable: true })
  await input.trigger('change')
  return file
}

async function startUpload() {
  await wrapper.get('[data-testid="kpi-upload-start"]').trigger('click')
  await flushPromises()
}

describe('KPI CSV upload', () => {
  it('sends the chosen file as text/csv', async () => {
    await openUpload()
    const file = await chooseFile('kpi,value,time\nrevenue,1,2026-11-30\n')
    await startUpload()

    expect(FakeXhr.last.method).toBe('POST')
    expect(FakeXhr.last.path).toBe('/api/v1/kpis/measurements.csv')
    expect(FakeXhr.last.headers['Content-Type']).toBe('text/csv; charset=utf-8')
    expect(FakeXhr.last.body).toBe(file)
  })

  it('shows upload progress on the bar', async () => {
    await openUpload()
    await chooseFile('kpi,value,time\nrevenue,1,2026-11-30\n')
    await startUpload()

    FakeXhr.last.progress(250, 1000)
    await flushPromises()

    expect(wrapper.get('[data-testid="kpi-upload-bar"]').element.value).toBe(25)
    expect(wrapper.get('[data-testid="kpi-upload-progress"]').text()).toContain('25 %')
  })

  it('shows the accepted count', async () => {
    await openUpload()
    await chooseFile('kpi,value,time\nrevenue,1,2026-11-30\nrevenue,2,2026-12-01\n')
    await startUpload()

    FakeXhr.last.answer(202, { count: 2, defaultSource: 'urn:momentum:feed:csv:user:p-1', accepted: ['a', 'b'] })
    await flushPromises()

    expect(wrapper.get('[data-testid="kpi-upload-done"]').text()).toBe('2 values accepted. KPIs show them within seconds.')
    expect(wrapper.find('[data-testid="kpi-upload-progress"]').exists()).toBe(false)
  })

  it('lists every bad row by line', async () => {
    await openUpload()
    await chooseFile('kpi,value,time\nnope,1,2026-11-30\nrevenue,x,2026-11-30\n')
    await startUpload()

    FakeXhr.last.answer(400, { error: { code: 'validation_failed', message: '2 fields are invalid', fields: [
      { field: 'line 3: value', code: 'not_number', message: '"x" is not a number', params: { line: 3, column: 'value' } },
      { field: 'line 2: kpi', code: 'unknown_kpi', message: 'no KPI', params: { line: 2, column: 'kpi' } },
    ] } })
    await flushPromises()

    const rows = wrapper.findAll('[data-testid="kpi-upload-bad-row"]')
    expect(rows).toHaveLength(2)
    expect(rows[0].findAll('td').map((cell) => cell.text())).toEqual(['2', 'kpi',
      'No KPI of your organisation has this key or id. Use the key shown in the KPI list.'])
    expect(rows[1].findAll('td')[0].text()).toBe('3')
    expect(wrapper.get('[data-testid="kpi-upload-rejected"]').text()).toContain('Nothing was stored: 2 problems to fix.')
  })

  it('words bad rows in German', async () => {
    await openUpload('de')
    await chooseFile('kpi,value\nrevenue,1\n')
    await startUpload()

    FakeXhr.last.answer(400, { error: { code: 'validation_failed', message: 'line 1: time: is missing', fields: [
      { field: 'line 1: time', code: 'missing_column', message: 'is missing from the header', params: { line: 1, column: 'time' } },
    ] } })
    await flushPromises()

    expect(wrapper.get('[data-testid="kpi-upload-bad-row"]').text()).toContain('Der Kopfzeile fehlt die Spalte time.')
  })

  it('keeps the server message for an unknown code', async () => {
    await openUpload()
    await chooseFile('kpi,value,time\nrevenue,1,2026-11-30\n')
    await startUpload()

    FakeXhr.last.answer(400, { error: { code: 'validation_failed', message: 'x', fields: [
      { field: 'line 2: value', code: 'brand_new_rule', message: 'A rule the web app does not know yet', params: { line: 2, column: 'value' } },
    ] } })
    await flushPromises()

    expect(wrapper.get('[data-testid="kpi-upload-bad-row"]').text()).toContain('A rule the web app does not know yet')
  })

  it('shows a 413 as an error banner', async () => {
    await openUpload()
    await chooseFile('kpi,value,time\nrevenue,1,2026-11-30\n')
    await startUpload()

    FakeXhr.last.answer(413, { error: { code: 'batch_too_large', message: 'The file has more than 10000 rows' } })
    await flushPromises()

    expect(wrapper.text()).toContain('The file has more than 10000 rows')
    expect(wrapper.find('[data-testid="kpi-upload-rejected"]').exists()).toBe(false)
  })

  it('does not send an empty file', async () => {
    await openUpload()
    await chooseFile('')

    expect(wrapper.get('[data-testid="kpi-upload-local-problem"]').text()).toContain('The file is empty')
    expect(wrapper.get('[data-testid="kpi-upload-start"]').attributes('disabled')).toBeDefined()
  })

  it('cancels a running upload', async () => {
    await openUpload()
    await chooseFile('kpi,value,time\nrevenue,1,2026-11-30\n')
    await startUpload()

    await wrapper.get('[data-testid="kpi-upload-cancel"]').trigger('click')
    await flushPromises()

    expect(wrapper.find('[data-testid="kpi-upload-progress"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="kpi-upload-done"]').exists()).toBe(false)
  })
})
