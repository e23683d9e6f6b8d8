import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import BriefSentence from './BriefSentence.vue'

const sentence = {
  text: 'Dana Diaz reports a blocker on Cut defect rate: “Lab 7”. Progress 12.5 %.',
  parts: [
    { text: 'Dana Diaz', quote: true },
    { text: ' reports a blocker on ' },
    { text: 'Cut defect rate', link: 0 },
    { text: ': “' },
    { text: 'Lab 7', quote: true },
    { text: '”. Progress ' },
    { text: '12.5 %', number: 0 },
    { text: '.' },
  ],
  links: [{ type: 'node', id: 'kr-1', kind: 'key_result', label: 'Cut defect rate', path: '/key-results/kr-1' }],
  numbers: [{ measure: 'progress', value: '0.125', text: '12.5 %' }],
}

async function mountSentence() {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:any(.*)*', component: { template: '<div />' } }] })
  await router.push('/')
  return mount(BriefSentence, { props: { sentence }, global: { plugins: [router] } })
}

describe('BriefSentence', () => {
  it('links labels to their page', async () => {
    const wrapper = await mountSentence()

    const link = wrapper.get('[data-testid="brief-link"]')
    expect(link.text()).toBe('Cut defect rate')
    expect(link.attributes('href')).toBe('/key-results/kr-1')
  })

  it('keeps the text in order', async () => {
    const wrapper = await mountSentence()

    expect(wrapper.text()).toBe(sentence.text)
  })

  it('links quoted blocker to its check-in', async () => {
    const quoted = {
      ...sentence,
      parts: sentence.parts.map((part) => (part.text === 'Lab 7' ? { ...part, link: 1 } : part)),
      links: [...sentence.links, { type: 'checkIn', id: 42, keyResultId: 'kr-1', path: '/key-results/kr-1#check-in-42' }],
    }
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:any(.*)*', component: { template: '<div />' } }] })
    await router.push('/')
    const wrapper = mount(BriefSentence, { props: { sentence: quoted }, global: { plugins: [router] } })

    const links = wrapper.findAll('[data-testid="brief-link"]')
    expect(links).toHaveLength(2)
    expect(links[1].attributes('href')).toBe('/key-results/kr-1#check-in-42')
    expect(links[1].attributes('data-link-type')).toBe('checkIn')
    expect(links[1].get('em.quote').text()).toBe('Lab 7')
    expect(wrapper.text()).toBe(sentence.text)
  })

  it('shows engine value of numbers', async () => {
    const wrapper = await mountSentence()

    expect(wrapper.get('strong.number').attributes('title')).toBe('progress: 0.125')
  })
})
