import { describe, expect, it } from 'vitest'
import { sqlFeedChanges, sqlFeedFields, sqlFeedToForm } from './sqlFeeds.js'

const FEED = {
  id: 'f-1', name: 'Finance', host: 'bi.example.com', port: 5432, database: 'finance', user: 'reader', sslMode: 'require',
  query: 'SELECT kpi, value FROM daily', kpiColumn: 'kpi', valueColumn: 'value', timeColumn: null, intervalMinutes: 60,
  timeoutSeconds: 60, maxRows: 50000, enabled: true, version: 3,
}

describe('sqlFeedFields', () => {
  it('sends an empty time column as null', () => {
    const form = sqlFeedToForm(null)
    expect(sqlFeedFields(form).timeColumn).toBeNull()
  })

  it('leaves out an empty password', () => {
    expect(sqlFeedFields(sqlFeedToForm(FEED))).not.toHaveProperty('password')
  })

  it('trims text fields', () => {
    const form = { ...sqlFeedToForm(FEED), host: '  bi.example.com ', timeColumn: ' day ' }
    expect(sqlFeedFields(form).host).toBe('bi.example.com')
    expect(sqlFeedFields(form).timeColumn).toBe('day')
  })
})

describe('sqlFeedChanges', () => {
  it('is empty for an unchanged form', () => {
    expect(sqlFeedChanges(FEED, sqlFeedToForm(FEED))).toEqual({})
  })

  it('lists changed fields and a typed password', () => {
    const form = { ...sqlFeedToForm(FEED), intervalMinutes: 15, password: 'new secret' }
    expect(sqlFeedChanges(FEED, form)).toEqual({ intervalMinutes: 15, password: 'new secret' })
  })
})
