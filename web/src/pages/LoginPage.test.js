import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { DEMO_USER, fakeFetch } from '../testing/fakeFetch.js'
import { createTestApp, mountWithApp } from '../testing/mountWithApp.js'
import LoginPage from './LoginPage.vue'

let wrapper

async function showLogin(routes, query = {}) {
  const fake = fakeFetch(routes)
  vi.stubGlobal('fetch', fake.fetchStub)
  const app = createTestApp()
  await app.router.push({ name: 'login', query })
  wrapper = mountWithApp(LoginPage, app)
  await flushPromises()
  return { app, fake }
}

async function signIn(email, password) {
  await wrapper.get('[data-testid="login-email"]').setValue(email)
  await wrapper.get('[data-testid="login-password"]').setValue(password)
  await wrapper.get('form').trigger('submit')
  await flushPromises()
}

afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  vi.unstubAllGlobals()
})

describe('login page', () => {
  it('shows the demo account when the server offers one', async () => {
    await showLogin({ 'GET /api/v1/auth/demo': { body: { email: 'demo@acme.test', password: 'momentum' } } })
    expect(wrapper.get('[data-testid="demo-hint"]').text()).toContain('demo@acme.test')
  })

  it('fills in the demo account on request', async () => {
    await showLogin({ 'GET /api/v1/auth/demo': { body: { email: 'demo@acme.test', password: 'momentum' } } })
    await wrapper.get('[data-testid="demo-fill"]').trigger('click')
    expect(wrapper.get('[data-testid="login-email"]').element.value).toBe('demo@acme.test')
    expect(wrapper.get('[data-testid="login-password"]').element.value).toBe('momentum')
  })

  it('hides the demo hint when the server answers 404', async () => {
    await showLogin({})
    expect(wrapper.find('[data-testid="demo-hint"]').exists()).toBe(false)
  })

  it('posts the credentials and returns to the requested page', async () => {
    const { app, fake } = await showLogin(
      { 'POST /api/v1/auth/login': { body: { user: DEMO_USER } } },
      { redirect: '/units/42' },
    )
    await signIn('dana@acme.test', 'secret')
    expect(fake.requests.at(-1)).toEqual({
      method: 'POST',
      path: '/api/v1/auth/login',
      body: { email: 'dana@acme.test', password: 'secret' },
    })
    expect(app.router.currentRoute.value.fullPath).toBe('/units/42')
  })

  it('says so when the credentials are wrong', async () => {
    await showLogin({
      'POST /api/v1/auth/login': { status: 401, body: { error: { code: 'invalid_credentials', message: 'Invalid' } } },
    })
    await signIn('dana@acme.test', 'wrong')
    expect(wrapper.get('[data-testid="error"]').text()).toBe('The email or password is wrong.')
  })

  it('reports another failure with its status', async () => {
    await showLogin({ 'POST /api/v1/auth/login': { status: 503, body: { error: { code: 'unavailable', message: 'x' } } } })
    await signIn('dana@acme.test', 'secret')
    expect(wrapper.get('[data-testid="error"]').text()).toBe('The server answered with status 503. Try again in a moment.')
  })

  it('explains an ended session', async () => {
    await showLogin({}, { reason: 'expired' })
    expect(wrapper.get('[data-testid="error"]').text()).toBe('Your session has ended. Sign in again.')
  })
})
