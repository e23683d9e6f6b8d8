// Pure helpers of the outbound webhooks section: the change types, the form and the delivery log.

/** Change types a webhook can subscribe to, in the order the API documents them. */
export const EVENT_TYPES = [
  'momentum.keyresult.status_changed',
  'momentum.checkin.recorded',
  'momentum.signal.raised',
  'momentum.signal.updated',
  'momentum.cycle.created',
  'momentum.cycle.updated',
  'momentum.cycle.closed',
]

/** Delivery states, in the order the log's filter offers them. */
export const DELIVERY_STATES = ['pending', 'delivering', 'delivered', 'failed']

/** Returns the message-file key of a change type: "momentum.cycle.closed" -> "cycle_closed". */
export function eventTypeKey(type) {
  return String(type).replace(/^momentum\./, '').replaceAll('.', '_')
}

/** Returns the form values of a webhook, or of a new one subscribed to every type. */
export function webhookToForm(webhook = null) {
  return {
    name: webhook?.name ?? '',
    url: webhook?.url ?? 'https://',
    eventTypes: [...(webhook?.eventTypes ?? EVENT_TYPES)],
    active: webhook?.active ?? true,
  }
}

/** Returns the event types of a form in the documented order, so the server gets a stable list. */
function orderedTypes(form) {
  return EVENT_TYPES.filter((type) => form.eventTypes.includes(type))
}

/** Returns the create body of a form. */
export function newWebhookFields(form) {
  return { name: form.name.trim(), url: form.url.trim(), eventTypes: orderedTypes(form), active: Boolean(form.active) }
}

/** Returns only the fields the form changed compared to the stored webhook. */
export function webhookChanges(webhook, form) {
  const fields = newWebhookFields(form)
  const changes = {}
  if (fields.name !== webhook.name) {
    changes.name = fields.name
  }
  if (fields.url !== webhook.url) {
    changes.url = fields.url
  }
  const stored = EVENT_TYPES.filter((type) => webhook.eventTypes.includes(type))
  if (fields.eventTypes.join(',') !== stored.join(',')) {
    changes.eventTypes = fields.eventTypes
  }
  if (fields.active !== webhook.active) {
    changes.active = fields.active
  }
  return changes
}

/**
 * Returns what the last attempt of a delivery ended with: {kind: 'status', status} for an HTTP
 * response, {kind: 'error', error} when no response arrived, or {kind: 'none'} before the first
 * attempt.
 */
export function lastOutcome(delivery) {
  if (delivery.lastStatus !== null && delivery.lastStatus !== undefined) {
    return { kind: 'status', status: delivery.lastStatus }
  }
  if (delivery.lastError) {
    return { kind: 'error', error: delivery.lastError }
  }
  return { kind: 'none' }
}

/** True when the person may press "Redeliver": only a failed delivery can be queued again. */
export function canRedeliver(delivery) {
  return delivery.state === 'failed'
}
