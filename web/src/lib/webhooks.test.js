import { describe, expect, it } from 'vitest'
import { EVENT_TYPES, canRedeliver, eventTypeKey, lastOutcome, newWebhookFields, webhookChanges, webhookToForm } from './webhooks.js'

const STORED = {
  id: 'w-1',
  name: 'Ops bot',
  url: 'https://hooks.example.com/momentum',
  eventTypes: ['momentum.cycle.closed', 'momentum.checkin.recorded'],
  active: true,
  version: 3,
}

describe('webhook form', () => {
  it('subscribes a new webhook to every type', () => {
    expect(webhookToForm()).toEqual({ name: '', url: 'https://', eventTypes: EVENT_TYPES, active: true })
  })

  it('trims and orders the create body', () => {
    const form = { name: '  Ops bot ', url: ' https://hooks.example.com/x ', eventTypes: ['momentum.cycle.closed', 'momentum.keyresult.status_changed'], active: false }

    expect(newWebhookFields(form)).toEqual({
      name: 'Ops bot',
      url: 'https://hooks.example.com/x',
      eventTypes: ['momentum.keyresult.status_changed', 'momentum.cycle.closed'],
      active: false,
    })
  })

  it('finds no changes in an untouched form', () => {
    expect(webhookChanges(STORED, webhookToForm(STORED))).toEqual({})
  })

  it('sends only the changed fields', () => {
    const form = { ...webhookToForm(STORED), url: 'https://hooks.example.com/v2', active: false }

    expect(webhookChanges(STORED, form)).toEqual({ url: 'https://hooks.example.com/v2', active: false })
  })

  it('sends the types when one is removed', () => {
    const form = { ...webhookToForm(STORED), eventTypes: ['momentum.checkin.recorded'] }

    expect(webhookChanges(STORED, form)).toEqual({ eventTypes: ['momentum.checkin.recorded'] })
  })
})

describe('delivery log helpers', () => {
  it('names each type by a message key', () => {
    expect(EVENT_TYPES.map(eventTypeKey)).toEqual([
      'keyresult_status_changed', 'checkin_recorded', 'signal_raised', 'signal_updated', 'cycle_created', 'cycle_updated', 'cycle_closed',
    ])
  })

  it('prefers the status of the last response', () => {
    expect(lastOutcome({ lastStatus: 503, lastError: null })).toEqual({ kind: 'status', status: 503 })
  })

  it('shows the error when no response arrived', () => {
    expect(lastOutcome({ lastStatus: null, lastError: 'The request timed out after 10000 ms' }))
      .toEqual({ kind: 'error', error: 'The request timed out after 10000 ms' })
  })

  it('has no outcome before the first attempt', () => {
    expect(lastOutcome({ lastStatus: null, lastError: null })).toEqual({ kind: 'none' })
  })

  it('redelivers only failed deliveries', () => {
    expect(['pending', 'delivering', 'delivered', 'failed'].filter((state) => canRedeliver({ state }))).toEqual(['failed'])
  })
})
