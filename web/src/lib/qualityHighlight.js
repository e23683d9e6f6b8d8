/**
 * Splits `text` into parts [{text, marked}] where every occurrence of an evidence string is
 * marked, ignoring case. Overlapping occurrences merge into one marked part.
 */
export function highlightParts(text, evidence) {
  const lower = text.toLowerCase()
  const marked = new Array(text.length).fill(false)
  for (const word of evidence) {
    const needle = word.toLowerCase()
    if (needle === '') {
      continue
    }
    let at = lower.indexOf(needle)
    while (at >= 0) {
      marked.fill(true, at, at + needle.length)
      at = lower.indexOf(needle, at + needle.length)
    }
  }
  const parts = []
  for (let i = 0; i < text.length; i++) {
    const last = parts[parts.length - 1]
    if (last && last.marked === marked[i]) {
      last.text += text[i]
    } else {
      parts.push({ text: text[i], marked: marked[i] })
    }
  }
  return parts
}
