import { describe, expect, it } from 'vitest'
import { createMomentumI18n } from '../i18n/index.js'
import {
  connectionChanges,
  connectionToForm,
  integrationFieldMessages,
  matchKindsFor,
  newConnectionFields,
  ruleChanges,
  ruleFields,
  ruleMove,
  ruleToForm,
  webhookUrl,
} from './integrations.js'

const JIRA = { id: 'c-1', kind: 'jira', name: 'Shop site', storyPointsField: 'customfield_10016', version: 2 }
const AZURE = { id: 'c-2', kind: 'azure_devops', name: 'Platform board', storyPointsField: null, stateMap: {}, version: 1 }
const MAPPED = { ...AZURE, stateMap: { 'In Review': 'resolved' } }
const RULES = [
  { id: 'r-a', position: 0, version: 1 },
  { id: 'r-b', position: 1, version: 4 },
  { id: 'r-c', position: 5, version: 2 },
]

describe('webhookUrl', () => {
  it.each([
    ['http://127.0.0.1:8080', '/api/v1/integrations/jira/c-1', 'http://127.0.0.1:8080/api/v1/integrations/jira/c-1'],
    ['https://okr.example.test/', '/api/v1/integrations/jira/c-1', 'https://okr.example.test/api/v1/integrations/jira/c-1'],
    ['https://okr.example.test', null, null],
  ])('joins %s and %s', (origin, path, expected) => {
    expect(webhookUrl(origin, path)).toBe(expected)
  })
})

describe('connection forms', () => {
  it('starts a new connection as Jira with the default field', () => {
    expect(connectionToForm()).toEqual({ kind: 'jira', name: '', secret: '', storyPointsField: 'customfield_10016', states: [] })
  })

  it('fills one row per mapped state', () => {
    expect(connectionToForm(MAPPED).states).toEqual([{ name: 'In Review', category: 'resolved' }])
  })

  it('never fills the secret of a stored connection', () => {
    expect(connectionToForm(JIRA).secret).toBe('')
  })

  it.each([
    ['Jira with a field', { kind: 'jira', name: ' Shop ', secret: ' s3cret-with-spaces ', storyPointsField: ' customfield_10024 ' },
      { kind: 'jira', name: 'Shop', secret: ' s3cret-with-spaces ', storyPointsField: 'customfield_10024' }],
    ['Jira without a field', { kind: 'jira', name: 'Shop', secret: 'x'.repeat(16), storyPointsField: '  ' },
      { kind: 'jira', name: 'Shop', secret: 'x'.repeat(16), storyPointsField: null }],
    ['Azure DevOps', { kind: 'azure_devops', name: 'Boards', secret: 'y'.repeat(20), storyPointsField: 'customfield_10016', states: [] },
      { kind: 'azure_devops', name: 'Boards', secret: 'y'.repeat(20) }],
    ['Azure DevOps with states', { kind: 'azure_devops', name: 'Boards', secret: 'y'.repeat(20), storyPointsField: '', states: [{ name: ' Ready for QA ', category: 'completed' }] },
      { kind: 'azure_devops', name: 'Boards', secret: 'y'.repeat(20), stateMap: { 'Ready for QA': 'completed' } }],
  ])('creates %s', (_, form, expected) => {
    expect(newConnectionFields(form)).toEqual(expected)
  })

  it.each([
    ['nothing changed', JIRA, { name: 'Shop site', secret: '', storyPointsField: 'customfield_10016' }, {}],
    ['a new name', JIRA, { name: ' Shop EU ', secret: '', storyPointsField: 'customfield_10016' }, { name: 'Shop EU' }],
    ['a cleared field', JIRA, { name: 'Shop site', secret: '', storyPointsField: '' }, { storyPointsField: null }],
    ['a rotated secret', JIRA, { name: 'Shop site', secret: 'n'.repeat(24), storyPointsField: 'customfield_10016' }, { secret: 'n'.repeat(24) }],
    ['an Azure DevOps field', AZURE, { name: 'Platform board', secret: '', storyPointsField: 'customfield_1', states: [] }, {}],
    ['an unchanged state map', MAPPED, { name: 'Platform board', secret: '', storyPointsField: '', states: [{ name: 'In Review', category: 'resolved' }] }, {}],
    ['a changed category', MAPPED, { name: 'Platform board', secret: '', storyPointsField: '', states: [{ name: 'In Review', category: 'completed' }] },
      { stateMap: { 'In Review': 'completed' } }],
    ['a removed state', MAPPED, { name: 'Platform board', secret: '', storyPointsField: '', states: [] }, { stateMap: {} }],
  ])('sends only %s', (_, connection, form, expected) => {
    expect(connectionChanges(connection, form)).toEqual(expected)
  })
})

describe('rule forms', () => {
  const rule = { id: 'r-1', matchKind: 'label', matchValue: 'checkout', initiativeId: 'i-1', version: 3 }

  it('trims the value', () => {
    expect(ruleFields({ matchKind: 'issue_key', matchValue: ' SHOP-42 ', initiativeId: 'i-1' })).toEqual({ matchKind: 'issue_key', matchValue: 'SHOP-42', initiativeId: 'i-1' })
  })

  it.each([
    ['nothing', { matchKind: 'label', matchValue: 'checkout', initiativeId: 'i-1' }, {}],
    ['the value', { matchKind: 'label', matchValue: 'payments', initiativeId: 'i-1' }, { matchValue: 'payments' }],
    ['kind and value', { matchKind: 'project', matchValue: 'SHOP', initiativeId: 'i-1' }, { matchKind: 'project', matchValue: 'SHOP' }],
    ['the initiative', { matchKind: 'label', matchValue: 'checkout', initiativeId: 'i-2' }, { initiativeId: 'i-2' }],
  ])('sends %s changed', (_, form, expected) => {
    expect(ruleChanges(rule, form)).toEqual(expected)
  })
})

describe('rule kinds per tracker', () => {
  it.each([
    ['jira', ['issue_key', 'label', 'project'], 'issue_key'],
    ['azure_devops', ['area_path', 'work_item', 'label', 'project'], 'area_path'],
  ])('offers %s its own kinds', (tracker, kinds, first) => {
    expect(matchKindsFor(tracker)).toEqual(kinds)
    expect(ruleToForm(null, '', tracker).matchKind).toBe(first)
  })
})

describe('ruleMove', () => {
  it.each([
    ['second up', 1, -1, { id: 'r-b', position: 0 }],
    ['third up', 2, -1, { id: 'r-c', position: 1 }],
    ['first down', 0, 1, { id: 'r-a', position: 2 }],
    ['second down past a gap', 1, 1, { id: 'r-b', position: 6 }],
  ])('moves the %s', (_, index, direction, expected) => {
    const step = ruleMove(RULES, index, direction)
    expect({ id: step.rule.id, position: step.position }).toEqual(expected)
  })

  it.each([
    ['first up', 0, -1],
    ['last down', 2, 1],
    ['a missing rule', 7, -1],
  ])('does not move the %s', (_, index, direction) => {
    expect(ruleMove(RULES, index, direction)).toBeNull()
  })

  it('moves the next rule up at the largest position', () => {
    const rules = [{ id: 'r-x', position: 99999 }, { id: 'r-y', position: 100000 }]
    const step = ruleMove(rules, 0, 1)
    expect({ id: step.rule.id, position: step.position }).toEqual({ id: 'r-y', position: 99999 })
  })
})

describe('integrationFieldMessages', () => {
  const taken = { fields: [{ field: 'name', code: 'taken', message: 'is already taken' }] }

  it.each([
    ['en', 'Another connection of your organisation has this name. Choose another name.'],
    ['de', 'Eine andere Verbindung Ihrer Organisation hat diesen Namen. Wählen Sie einen anderen.'],
  ])('words a taken name in %s', (locale, expected) => {
    expect(integrationFieldMessages(taken, createMomentumI18n(locale).global).name).toBe(expected)
  })

  it.each([
    ['issue_key', 'en', '"SHOP 1" is not an issue key. Enter the project key, a dash and the number, such as SHOP-42.'],
    ['project', 'de', '„SHOP 1“ ist kein Projektschlüssel. Geben Sie Buchstaben und Ziffern ohne Leerzeichen oder Bindestriche ein, etwa SHOP.'],
  ])('words a malformed %s value in %s', (matchKind, locale, expected) => {
    const error = { fields: [{ field: 'matchValue', code: 'match_value_format', message: 'must be', params: { matchKind, value: 'SHOP 1' } }] }
    expect(integrationFieldMessages(error, createMomentumI18n(locale).global).matchValue).toBe(expected)
  })

  it.each([
    ['en', 'In Review: "done" is not a state category. Choose proposed, in progress, resolved, completed or removed.'],
    ['de', 'In Review: „done“ ist keine Zustandskategorie. Wählen Sie vorgeschlagen, in Arbeit, gelöst, abgeschlossen oder entfernt.'],
  ])('names the state of a state map error in %s', (locale, expected) => {
    const error = { fields: [{ field: 'stateMap.In Review', code: 'state_category', message: 'is done', params: { value: 'done' } }] }
    expect(integrationFieldMessages(error, createMomentumI18n(locale).global).stateMap).toBe(expected)
  })

  it('falls back to the general text for an unknown match kind', () => {
    const error = { fields: [{ field: 'matchValue', code: 'match_value_format', message: 'must be', params: { matchKind: 'team', value: 'A B' } }] }
    expect(integrationFieldMessages(error, createMomentumI18n('en').global).matchValue).toMatch(/^"A B" does not fit the match by team\./)
  })

  it('words a bad area path for its kind', () => {
    const error = { fields: [{ field: 'matchValue', code: 'match_value_format', message: 'must be', params: { matchKind: 'area_path', value: 'A B' } }] }
    expect(integrationFieldMessages(error, createMomentumI18n('en').global).matchValue).toMatch(/^"A B" is not an area path\./)
  })

  it('words other fields like every form', () => {
    const error = { fields: [{ field: 'secret', code: 'too_short', message: 'is 5 characters long', params: { length: 5, minimum: 16 } }] }
    expect(integrationFieldMessages(error, createMomentumI18n('en').global).secret).toBe('Too short: 5 characters, at least 16 are needed. Enter a longer value.')
  })
})
