// Form values, request bodies and rule ordering of the integrations page.

import { fieldMessages } from './apiErrors.js'

export const CONNECTION_KINDS = ['jira', 'azure_devops']
export const MATCH_KINDS = ['issue_key', 'area_path', 'work_item', 'label', 'project']

/** The rule kinds each tracker's connections take, in the order the form offers them. */
export const MATCH_KINDS_BY_TRACKER = {
  jira: ['issue_key', 'label', 'project'],
  azure_devops: ['area_path', 'work_item', 'label', 'project'],
}

/** Returns the rule kinds a connection of `tracker` takes. */
export function matchKindsFor(tracker) {
  return MATCH_KINDS_BY_TRACKER[tracker] ?? MATCH_KINDS_BY_TRACKER.jira
}

/** The field Jira Cloud sites use for "Story point estimate"; the form of a new Jira connection starts with it. */
export const DEFAULT_STORY_POINTS_FIELD = 'customfield_10016'

/** The server's limits of a webhook secret, in characters. */
export const SECRET_LENGTH = { min: 16, max: 256 }

/** The Azure DevOps state categories a state map assigns, in process order, by their wire names. */
export const STATE_CATEGORIES = ['proposed', 'in_progress', 'resolved', 'completed', 'removed']

/** The server's limits of a state map: entries per connection and characters per state name. */
export const STATE_MAP_LIMITS = { states: 100, nameLength: 128 }

/** The server's largest rule position. */
export const MAX_POSITION = 100000

/** Returns the address to paste into Jira or Azure DevOps: this node's origin followed by the connection's path. */
export function webhookUrl(origin, webhookPath) {
  if (!webhookPath) {
    return null
  }
  return `${String(origin).replace(/\/+$/, '')}${webhookPath}`
}

/** Returns the form values of a connection, or of a new Jira connection. The secret always starts empty. */
export function connectionToForm(connection = null) {
  return {
    kind: connection?.kind ?? 'jira',
    name: connection?.name ?? '',
    secret: '',
    storyPointsField: connection ? (connection.storyPointsField ?? '') : DEFAULT_STORY_POINTS_FIELD,
    states: Object.entries(connection?.stateMap ?? {}).map(([name, category]) => ({ name, category })),
  }
}

/**
 * Returns the state map of the form's "state -> category" rows, names trimmed. A row without a
 * name is sent as the empty name, so the server rejects it and the form shows which row to fix.
 */
export function stateMapOf(states) {
  const stateMap = {}
  for (const state of states) {
    stateMap[state.name.trim()] = state.category
  }
  return stateMap
}

function sameStateMap(first, second) {
  return JSON.stringify(Object.entries(first ?? {})) === JSON.stringify(Object.entries(second ?? {}))
}

/**
 * Returns the body that creates a connection. The secret is sent exactly as typed, because the
 * tracker signs with it byte for byte. A Jira connection whose story point field was cleared
 * sends null, so it reads no estimates and its work counts by items. Azure DevOps connections
 * send no field, because the server picks the estimate field by the project's process.
 */
export function newConnectionFields(form) {
  const fields = { kind: form.kind, name: form.name.trim(), secret: form.secret }
  if (form.kind === 'jira') {
    const storyPointsField = form.storyPointsField.trim()
    fields.storyPointsField = storyPointsField === '' ? null : storyPointsField
  } else if (form.states.length > 0) {
    fields.stateMap = stateMapOf(form.states)
  }
  return fields
}

/**
 * Returns the PATCH body of an edited connection: the name and story point field when they
 * changed, the whole state map of an Azure DevOps connection when any row changed, and the
 * secret only when a new one was typed. A cleared story point field becomes null, so the
 * connection reads no estimates.
 */
export function connectionChanges(connection, form) {
  const changes = {}
  const name = form.name.trim()
  if (name !== connection.name) {
    changes.name = name
  }
  if (connection.kind === 'jira') {
    const storyPointsField = form.storyPointsField.trim() === '' ? null : form.storyPointsField.trim()
    if (storyPointsField !== (connection.storyPointsField ?? null)) {
      changes.storyPointsField = storyPointsField
    }
  } else {
    const stateMap = stateMapOf(form.states)
    if (!sameStateMap(stateMap, connection.stateMap)) {
      changes.stateMap = stateMap
    }
  }
  if (form.secret !== '') {
    changes.secret = form.secret
  }
  return changes
}

/** Returns the form values of a rule, or of a new rule for the given initiative. */
export function ruleToForm(rule = null, initiativeId = '', tracker = 'jira') {
  return {
    matchKind: rule?.matchKind ?? matchKindsFor(tracker)[0],
    matchValue: rule?.matchValue ?? '',
    initiativeId: rule?.initiativeId ?? initiativeId,
  }
}

/** Returns the request fields of a rule form. */
export function ruleFields(form) {
  return { matchKind: form.matchKind, matchValue: form.matchValue.trim(), initiativeId: form.initiativeId }
}

/** Returns the PATCH body of an edited rule: only the fields that changed. */
export function ruleChanges(rule, form) {
  const fields = ruleFields(form)
  return Object.fromEntries(Object.entries(fields).filter(([field, value]) => value !== rule[field]))
}

/**
 * Returns the PATCH that moves the rule at `index` of `rules` (ordered as the server tries them)
 * one place up (direction -1) or down (+1), as {rule, position}, or null at either end. A rule
 * sent to a position taken by another rule goes before that rule. So moving up takes the position
 * of the rule before, and moving down takes the position after the next rule. When that would
 * pass the server's largest position, the next rule moves up instead, which gives the same order.
 */
export function ruleMove(rules, index, direction) {
  const neighbour = rules[index + direction]
  if (index < 0 || index >= rules.length || neighbour === undefined) {
    return null
  }
  if (direction < 0) {
    return { rule: rules[index], position: neighbour.position }
  }
  if (neighbour.position + 1 <= MAX_POSITION) {
    return { rule: rules[index], position: neighbour.position + 1 }
  }
  return { rule: neighbour, position: rules[index].position }
}

/**
 * Returns the messages per field of a failed connection or rule request, like fieldMessages.
 * A taken connection name gets its own text, because the general one speaks of keys, and a
 * malformed match value gets the text of its match kind, which shows only the fitting example.
 */
export function integrationFieldMessages(error, i18n) {
  const messages = fieldMessages(error, i18n)
  if (!i18n) {
    return messages
  }
  for (const entry of error?.fields ?? []) {
    if (entry?.field === 'name' && entry.code === 'taken') {
      messages.name = i18n.t('integrations.nameTaken')
    }
    if (entry?.field?.startsWith('stateMap.') && messages.stateMap === undefined) {
      // Errors of single entries name the state, so the person finds the row to fix.
      messages.stateMap = `${entry.field.slice('stateMap.'.length).trim() || '–'}: ${messages[entry.field]}`
    }
    const kind = entry?.params?.matchKind
    if (entry?.field === 'matchValue' && entry.code === 'match_value_format' && MATCH_KINDS.includes(kind) && entry.params.value !== undefined) {
      messages.matchValue = i18n.t(`integrations.matchValueInvalid.${kind}`, { value: entry.params.value })
    }
  }
  return messages
}
