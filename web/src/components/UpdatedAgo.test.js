import { afterEach, describe, expect, it } from 'vitest'
import { createTestApp, mountWithApp } from '../testing/mountWithApp.js'
import UpdatedAgo from './UpdatedAgo.vue'

let wrapper

afterEach(() => {
  wrapper?.unmount()
  wrapper = null
})

describe('UpdatedAgo', () => {
  it.each([
    ['en', 'the previous cycle'],
    ['de', 'früherer Zyklus'],
  ])('names a carried-over value by its cycle in %s', (locale, label) => {
    wrapper = mountWithApp(UpdatedAgo, createTestApp({ locale }), {
      props: { updatedAt: '2026-10-01T00:00:00Z', source: 'urn:momentum:carry-over' },
    })

    expect(wrapper.get('[data-testid="updated-source"]').text()).toBe(label)
  })
})
