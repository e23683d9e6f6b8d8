// Sources that Momentum itself writes are URNs; people read them as a short label instead.

const LABELS = [
  ['urn:momentum:user:', 'person'],
  ['urn:momentum:token:', 'token'],
  ['urn:momentum:demo-', 'demo'],
  ['urn:momentum:carry-over', 'carryOver'],
  ['formula', 'formula'],
]

/**
 * Returns the label key of a value source that Momentum writes ("person" for a check-in made in
 * the app), or null for a source a service named itself, which is shown as it is.
 */
export function sourceLabel(source) {
  if (!source) {
    return null
  }
  const match = LABELS.find(([prefix]) => source === prefix || source.startsWith(prefix))
  return match ? match[1] : null
}
