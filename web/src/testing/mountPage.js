// Opens a page the way a person does: the route guard passes with a fake server, the router
// is at `path` (so ?cycle= is read), and the page component is mounted with its props.

import { flushPromises } from '@vue/test-utils'
import { vi } from 'vitest'
import { fakeFetch } from './fakeFetch.js'
import { createTestApp, mountWithApp } from './mountWithApp.js'

export async function mountPage(component, { path, props = {}, routes, locale = 'en' }) {
  const fake = fakeFetch(routes)
  vi.stubGlobal('fetch', fake.fetchStub)
  const app = createTestApp({ locale })
  await app.router.push(path)
  const wrapper = mountWithApp(component, app, { props, attachTo: document.body })
  await flushPromises()
  await flushPromises()
  return { wrapper, fake, app }
}
