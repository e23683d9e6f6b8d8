import { afterEach, describe, expect, it, vi } from 'vitest'
import { DEMO_USER, fakeFetch } from './testing/fakeFetch.js'
import { createTestApp } from './testing/mountWithApp.js'

afterEach(() => {
  vi.unstubAllGlobals()
})

function serverWith(routes) {
  const fake = fakeFetch(routes)
  vi.stubGlobal('fetch', fake.fetchStub)
  return createTestApp()
}

describe('route guard', () => {
  it('sends a visitor without session to login with the requested path', async () => {
    const app = serverWith({ 'GET /api/v1/auth/me': { status: 401, body: { error: { code: 'unauthenticated' } } } })
    await app.router.push('/units/42')
    expect(app.router.currentRoute.value.name).toBe('login')
    expect(app.router.currentRoute.value.query.redirect).toBe('/units/42')
  })

  it('lets a signed-in person open a board', async () => {
    const app = serverWith({ 'GET /api/v1/auth/me': { body: { user: DEMO_USER } } })
    await app.router.push('/units/42')
    expect(app.router.currentRoute.value.name).toBe('unit')
    expect(app.router.currentRoute.value.params.unitId).toBe('42')
  })

  it('serves the portfolio at / and /portfolio', async () => {
    const app = serverWith({ 'GET /api/v1/auth/me': { body: { user: DEMO_USER } } })
    await app.router.push('/portfolio')
    expect(app.router.currentRoute.value.name).toBe('portfolio')
  })

  it('asks the server only once', async () => {
    const fake = fakeFetch({ 'GET /api/v1/auth/me': { body: { user: DEMO_USER } } })
    vi.stubGlobal('fetch', fake.fetchStub)
    const app = createTestApp()
    await app.router.push('/')
    await app.router.push('/units/1')
    expect(fake.requests.filter((request) => request.path === '/api/v1/auth/me')).toHaveLength(1)
  })

  it('sends a visitor to login when the server cannot be reached', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')))
    const app = createTestApp()
    await app.router.push('/')
    expect(app.router.currentRoute.value.name).toBe('login')
  })

  it.each([
    ['/units/42/edit', 'okr-editor', { unitId: '42' }],
    ['/units/42/check-in', 'check-in', { unitId: '42' }],
    ['/kpis', 'kpis', {}],
    ['/kpis/k-1', 'kpi', { kpiId: 'k-1' }],
    ['/key-results/kr-1', 'key-result', { id: 'kr-1' }],
    ['/nodes/n-1/impact', 'impact', { nodeId: 'n-1' }],
  ])('serves %s as %s', async (path, name, params) => {
    const app = serverWith({ 'GET /api/v1/auth/me': { body: { user: DEMO_USER } } })
    await app.router.push(path)
    expect(app.router.currentRoute.value.name).toBe(name)
    expect(app.router.currentRoute.value.params).toEqual(params)
  })

  it('shows unknown paths as not found without a session', async () => {
    const app = serverWith({})
    await app.router.push('/no/such/page')
    expect(app.router.currentRoute.value.name).toBe('not-found')
  })
})

describe('strategy-office routes', () => {
  it.each([
    ['/kpis/new', 'kpi-new'],
    ['/kpis/kpi-1/edit', 'kpi-edit'],
    ['/kpis/kpi-1', 'kpi'],
    ['/initiatives', 'initiatives'],
    ['/cycles', 'cycles'],
    ['/decisions', 'decisions'],
    ['/settings', 'settings'],
  ])('resolves %s to %s', (path, name) => {
    const app = serverWith({})
    expect(app.router.resolve(path).name).toBe(name)
  })
})
