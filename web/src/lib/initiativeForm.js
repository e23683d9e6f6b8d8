// The initiative editor's form values and the request built from them.

const TEXT_FIELDS = ['description', 'externalSystem', 'externalKey']
const CHOICE_FIELDS = ['unitId', 'cycleId', 'ownerId', 'start', 'due']

/** Returns the form values for an initiative, or empty values with the given defaults for a new one. */
export function initiativeToForm(initiative = null, defaults = {}) {
  const form = { key: initiative?.key ?? '', title: initiative?.title ?? '' }
  for (const field of [...TEXT_FIELDS, ...CHOICE_FIELDS]) {
    form[field] = initiative?.[field] ?? defaults[field] ?? ''
  }
  return form
}

/** Returns the request fields: blank text and unset choices become null, and `key` is sent only for a new initiative. */
export function formToInitiativeFields(form, { isNew }) {
  const fields = { title: form.title.trim() }
  if (isNew) {
    fields.key = form.key.trim()
  }
  for (const field of TEXT_FIELDS) {
    const text = (form[field] ?? '').trim()
    fields[field] = text === '' ? null : text
  }
  for (const field of CHOICE_FIELDS) {
    fields[field] = form[field] || null
  }
  return fields
}
