import { computed, ref, shallowRef, toValue, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import * as checkInsApi from '../api/checkIns.js'
import * as commentsApi from '../api/comments.js'
import * as keyResultsApi from '../api/keyResults.js'
import * as objectivesApi from '../api/objectives.js'
import { fieldMessages, requestErrorText } from '../lib/apiErrors.js'
import { checkInRequests, checkInRow } from '../lib/checkIn.js'

/**
 * Loads the key results of a unit's objectives in a cycle for the check-in form, with the due
 * list, and sends the check-ins of the changed rows and the objective comments.
 *
 * `sent` lists what the last submit stored ({kind: 'checkIn' | 'comment', id, title, body}),
 * `failures` what the server rejected, and `rowErrors` maps a key result id to {field: message}
 * from the form's checks (message keys, `keys: true`) or from the server.
 */
export function useCheckIn(unitId, cycleId) {
  // Words the server's field errors in the reader's language.
  const i18n = useI18n()
  const objectives = ref([])
  const keyResults = ref([])
  const rows = ref([])
  const comments = ref({})
  const due = ref([])
  const dueError = shallowRef(null)
  const loading = ref(false)
  const loadError = shallowRef(null)
  const submitting = ref(false)
  const sent = ref([])
  const failures = ref([])
  const rowErrors = ref({})
  let loadCount = 0

  const groups = computed(() =>
    objectives.value.map((objective) => ({
      objective,
      keyResults: keyResults.value.filter((keyResult) => keyResult.objectiveId === objective.id),
    })),
  )

  async function load() {
    const unit = toValue(unitId)
    const cycle = toValue(cycleId)
    if (!unit || !cycle) {
      return
    }
    const ticket = ++loadCount
    loading.value = true
    loadError.value = null
    try {
      const [objectiveList, keyResultList] = await Promise.all([
        objectivesApi.listObjectives({ unit, cycle }),
        keyResultsApi.listKeyResults({ unit, cycle }),
      ])
      if (ticket !== loadCount) {
        return
      }
      objectives.value = objectiveList.filter((objective) => objective.kind === 'objective')
      keyResults.value = keyResultList
      rows.value = keyResultList.map(checkInRow)
      comments.value = Object.fromEntries(objectiveList.map((objective) => [objective.id, '']))
    } catch (error) {
      if (ticket === loadCount) {
        loadError.value = error
      }
    } finally {
      if (ticket === loadCount) {
        loading.value = false
      }
    }
    await loadDue()
  }

  async function loadDue() {
    dueError.value = null
    try {
      due.value = await checkInsApi.listDueCheckIns({ unit: toValue(unitId) })
    } catch (error) {
      due.value = []
      dueError.value = error
    }
  }

  watch(() => [toValue(unitId), toValue(cycleId)], load, { immediate: true })

  function rowOf(keyResultId) {
    return rows.value.find((row) => row.keyResultId === keyResultId)
  }

  /**
   * Sends every changed row and every written comment. Rows and comments that were stored are
   * cleared; rejected ones keep what the person typed, with the server's messages.
   */
  async function submit() {
    const { requests, errors } = checkInRequests(rows.value, keyResults.value)
    rowErrors.value = Object.fromEntries(Object.entries(errors).map(([id, fields]) => [id, { ...fields, keys: true }]))
    const commentRequests = Object.entries(comments.value)
      .filter(([, text]) => text.trim() !== '')
      .map(([objectiveId, text]) => ({ objectiveId, text: text.trim() }))
    if (Object.keys(errors).length > 0) {
      sent.value = []
      failures.value = []
      return false
    }
    submitting.value = true
    const titleOf = (list, id) => list.find((item) => item.id === id)?.title ?? id
    try {
      const results = await Promise.allSettled([
        ...requests.map((request) => checkInsApi.postCheckIn(request.keyResultId, request.body)),
        ...commentRequests.map((request) => commentsApi.postObjectiveComment(request.objectiveId, request.text)),
      ])
      const stored = []
      const rejected = []
      results.forEach((result, index) => {
        const isCheckIn = index < requests.length
        const request = isCheckIn ? requests[index] : commentRequests[index - requests.length]
        const entry = isCheckIn
          ? { kind: 'checkIn', id: request.keyResultId, title: titleOf(keyResults.value, request.keyResultId), body: request.body }
          : { kind: 'comment', id: request.objectiveId, title: titleOf(objectives.value, request.objectiveId), body: { text: request.text } }
        if (result.status === 'fulfilled') {
          stored.push(entry)
          afterStored(entry)
        } else {
          rejected.push({ ...entry, error: result.reason })
          if (isCheckIn) {
            rowErrors.value = { ...rowErrors.value, [request.keyResultId]: serverFieldErrors(result.reason) }
          }
        }
      })
      sent.value = stored
      failures.value = rejected
      return rejected.length === 0
    } finally {
      submitting.value = false
    }
  }

  function afterStored(entry) {
    if (entry.kind === 'comment') {
      comments.value = { ...comments.value, [entry.id]: '' }
      return
    }
    keyResults.value = keyResults.value.map((keyResult) =>
      keyResult.id === entry.id
        ? {
            ...keyResult,
            current: entry.body.value ?? keyResult.current,
            confidence: entry.body.confidence ?? keyResult.confidence,
            milestones: withMarked(keyResult.milestones, entry.body.milestones),
          }
        : keyResult,
    )
    const updated = keyResults.value.find((keyResult) => keyResult.id === entry.id)
    rows.value = rows.value.map((row) => (row.keyResultId === entry.id ? checkInRow(updated) : row))
  }

  // Returns the milestones with the ticks a stored check-in sent.
  function withMarked(milestones, marked) {
    if (!milestones || !marked) {
      return milestones
    }
    const done = new Map(marked.map((entry) => [entry.id, entry.done]))
    return milestones.map((milestone) => (done.has(milestone.id) ? { ...milestone, done: done.get(milestone.id) } : milestone))
  }

  // The check-in endpoint names its own fields, and "data" for a value that does not fit the key result.
  function serverFieldErrors(error) {
    const messages = fieldMessages(error, i18n)
    if (messages.data && !messages.value) {
      messages.value = messages.data
    }
    if (Object.keys(messages).length === 0) {
      messages.general = requestErrorText(error, i18n) ?? error.message
    }
    return messages
  }

  return {
    objectives,
    keyResults,
    groups,
    rows,
    comments,
    due,
    dueError,
    loading,
    loadError,
    submitting,
    sent,
    failures,
    rowErrors,
    rowOf,
    load,
    loadDue,
    submit,
  }
}
