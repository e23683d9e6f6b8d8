// Form state of SQL feeds and the bodies sent for them.

/** SSL modes the server offers, as libpq names them. */
export const SSL_MODES = ['disable', 'prefer', 'require', 'verify-full']

// Fields whose form value is sent as it is; the password and the time column have their own rules.
const PLAIN_FIELDS = ['name', 'host', 'port', 'database', 'user', 'sslMode', 'query', 'kpiColumn', 'valueColumn',
  'intervalMinutes', 'timeoutSeconds', 'maxRows', 'enabled']

/** Returns the form values of a feed as read, or the defaults of a new feed. The password starts empty. */
export function sqlFeedToForm(feed) {
  return {
    name: feed?.name ?? '',
    host: feed?.host ?? '',
    port: feed?.port ?? 5432,
    database: feed?.database ?? '',
    user: feed?.user ?? '',
    password: '',
    sslMode: feed?.sslMode ?? 'prefer',
    query: feed?.query ?? '',
    kpiColumn: feed?.kpiColumn ?? 'kpi',
    valueColumn: feed?.valueColumn ?? 'value',
    timeColumn: feed?.timeColumn ?? '',
    intervalMinutes: feed?.intervalMinutes ?? 60,
    timeoutSeconds: feed?.timeoutSeconds ?? 60,
    maxRows: feed?.maxRows ?? 50000,
    enabled: feed?.enabled ?? true,
  }
}

/** Returns the body of a create or preview: trimmed text, an empty time column as null, an empty password left out. */
export function sqlFeedFields(form) {
  const fields = {}
  for (const field of PLAIN_FIELDS) {
    const value = form[field]
    fields[field] = typeof value === 'string' ? value.trim() : value
  }
  fields.timeColumn = form.timeColumn.trim() === '' ? null : form.timeColumn.trim()
  if (form.password !== '') {
    fields.password = form.password
  }
  return fields
}

/** Returns the fields of the form that differ from the feed as read, with a new password when one was typed. */
export function sqlFeedChanges(feed, form) {
  const fields = sqlFeedFields(form)
  const changes = {}
  for (const [field, value] of Object.entries(fields)) {
    if (field === 'password' || value !== (feed[field] ?? null)) {
      changes[field] = value
    }
  }
  return changes
}
