import { computed, ref, shallowRef, toValue, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import * as initiativesApi from '../api/initiatives.js'
import * as keyResultsApi from '../api/keyResults.js'
import * as kpisApi from '../api/kpis.js'
import * as objectivesApi from '../api/objectives.js'
import * as peopleApi from '../api/people.js'
import { fieldMessages, isAlignmentLoop, isStaleVersion, loopPath } from '../lib/apiErrors.js'
import { buildOkrTree } from '../lib/okrTree.js'

/**
 * Loads and edits the OKRs of a unit in a cycle, both given as refs or getters, and reloads
 * when either changes. Alignment choices come from the cycle and the cycles around it
 * (`parentCycleIds`), across all units.
 *
 * Every save takes the version the person last read. A 409 `stale_version` fills `conflict`
 * ({kind, id, changes, current}) so the page can show the current values and retry; a 409
 * `alignment_loop` fills `loop` with the keys in order; a 400 fills `fieldErrors`.
 */
export function useUnitOkrs(unitId, cycleId, parentCycleIds) {
  // Words the server's field errors in the reader's language.
  const i18n = useI18n()
  const objectives = ref([])
  const keyResults = ref([])
  const people = shallowRef([])
  const kpis = shallowRef([])
  // Live initiatives of the organisation, which work_items key results can follow.
  const initiatives = shallowRef([])
  const candidates = shallowRef({ objectives: [], keyResults: [] })
  const loading = ref(false)
  const loadError = shallowRef(null)
  const busy = ref(false)
  const fieldErrors = ref({})
  const conflict = shallowRef(null)
  const loop = ref([])
  const actionError = shallowRef(null)
  let loadCount = 0
  // Goals stored by saves, numbered, so a load that was already running keeps them (see load()).
  let saveCount = 0
  const savedGoals = []

  const tree = computed(() => buildOkrTree(objectives.value, keyResults.value))

  async function load() {
    const unit = toValue(unitId)
    const cycle = toValue(cycleId)
    if (!unit || !cycle) {
      return
    }
    const ticket = ++loadCount
    const savesBefore = saveCount
    loading.value = true
    loadError.value = null
    try {
      const cycleIds = toValue(parentCycleIds) ?? [cycle]
      const [ownObjectives, ownKeyResults, persons, kpiList, initiativeList, candidateObjectives, candidateKeyResults] = await Promise.all([
        objectivesApi.listObjectives({ unit, cycle }),
        keyResultsApi.listKeyResults({ unit, cycle }),
        peopleApi.listPeople(),
        kpisApi.listKpis(),
        initiativesApi.listInitiatives(),
        Promise.all(cycleIds.map((id) => objectivesApi.listObjectives({ cycle: id }))),
        Promise.all(cycleIds.map((id) => keyResultsApi.listKeyResults({ cycle: id }))),
      ])
      if (ticket !== loadCount) {
        return
      }
      objectives.value = withSavedGoals(ownObjectives, 'objective', savesBefore)
      keyResults.value = withSavedGoals(ownKeyResults, 'keyResult', savesBefore)
      people.value = persons
      kpis.value = kpiList
      initiatives.value = initiativeList
      candidates.value = { objectives: candidateObjectives.flat(), keyResults: candidateKeyResults.flat() }
    } catch (error) {
      if (ticket === loadCount) {
        loadError.value = error
      }
    } finally {
      if (ticket === loadCount) {
        loading.value = false
      }
    }
  }

  watch(() => [toValue(unitId), toValue(cycleId)], load, { immediate: true })

  /**
   * Returns the loaded list with the goals saved since the load began. A load whose requests
   * left before a save lacks that save, so each saved goal replaces its older copy or is added.
   */
  function withSavedGoals(loaded, kind, savesBefore) {
    let list = loaded
    for (const saved of savedGoals) {
      if (saved.number <= savesBefore || saved.kind !== kind) {
        continue
      }
      const known = list.find((item) => item.id === saved.goal.id)
      if (!known) {
        list = [...list, saved.goal]
      } else if ((known.version ?? 0) < (saved.goal.version ?? 0)) {
        list = list.map((item) => (item.id === saved.goal.id ? saved.goal : item))
      }
    }
    return list
  }

  function forgetSaved(id) {
    for (let index = savedGoals.length - 1; index >= 0; index--) {
      if (savedGoals[index].goal.id === id) {
        savedGoals.splice(index, 1)
      }
    }
  }

  function rememberSave(kind, goal) {
    savedGoals.push({ number: ++saveCount, kind, goal })
    // Loads run for seconds at most; the latest saves are all a late load can miss.
    if (savedGoals.length > 50) {
      savedGoals.shift()
    }
  }

  function clearMessages() {
    fieldErrors.value = {}
    loop.value = []
    actionError.value = null
  }

  function replace(list, updated) {
    list.value = list.value.map((item) => (item.id === updated.id ? updated : item))
  }

  /** Runs a change; returns true when it was stored, false when the server rejected it. */
  async function run(kind, id, changes, request) {
    clearMessages()
    busy.value = true
    try {
      const stored = await request()
      if (stored && kind === 'objective') {
        replaceOrAdd(objectives, stored)
      } else if (stored && kind === 'keyResult') {
        replaceOrAdd(keyResults, stored)
      }
      if (stored && (kind === 'objective' || kind === 'keyResult')) {
        rememberSave(kind, stored)
      }
      if (stored && (kind === 'objective' || kind === 'keyResult')) {
        keepCandidate(kind === 'objective' ? 'objectives' : 'keyResults', stored)
      }
      conflict.value = null
      // The stored node when the server returns one (creations do), so callers can go on with its id.
      return stored ?? true
    } catch (error) {
      if (isStaleVersion(error)) {
        const current = error.details.current
          ? kind === 'objective'
            ? objectivesApi.toObjective(error.details.current)
            : keyResultsApi.toKeyResult(error.details.current)
          : null
        if (current) {
          replace(kind === 'objective' ? objectives : keyResults, current)
        }
        conflict.value = { kind, id, changes, current, currentVersion: error.details.currentVersion ?? current?.version }
      } else if (isAlignmentLoop(error)) {
        loop.value = loopPath(error)
      } else if (error.status === 400 || (error.fields && error.fields.length > 0)) {
        fieldErrors.value = fieldMessages(error, i18n)
        actionError.value = error
      } else {
        actionError.value = error
      }
      return false
    } finally {
      busy.value = false
    }
  }

  // A goal saved in one of the cycles the sidebar offers becomes an alignment target at once.
  function keepCandidate(group, stored) {
    const cycleIds = toValue(parentCycleIds) ?? [toValue(cycleId)]
    const items = candidates.value[group]
    const known = items.some((item) => item.id === stored.id)
    const objective = [...objectives.value, ...candidates.value.objectives].find((item) => item.id === stored.objectiveId)
    const storedCycle = group === 'objectives' ? stored.cycleId : objective?.cycleId
    if (!known && !cycleIds.includes(storedCycle)) {
      return
    }
    let updated = [...items, stored]
    if (known) {
      updated = items.map((item) => (item.id === stored.id ? stored : item))
    }
    candidates.value = { ...candidates.value, [group]: updated }
  }

  function replaceOrAdd(list, stored) {
    if (list.value.some((item) => item.id === stored.id)) {
      replace(list, stored)
    } else {
      list.value = [...list.value, stored]
    }
  }

  function saveObjective(objective, body) {
    if (objective === null) {
      return run('objective', null, body, () => objectivesApi.createObjective(body))
    }
    return run('objective', objective.id, body, () => objectivesApi.updateObjective(objective.id, body, objective.version))
  }

  function saveKeyResult(keyResult, body) {
    if (keyResult === null) {
      return run('keyResult', null, body, () => keyResultsApi.createKeyResult(body))
    }
    return run('keyResult', keyResult.id, body, () => keyResultsApi.updateKeyResult(keyResult.id, body, keyResult.version))
  }

  /** Aligns an objective to a parent objective ({type: 'objective'}) or key result ({type: 'keyResult'}). */
  function realignObjective(objective, target) {
    const changes =
      target.type === 'keyResult' ? { parentId: null, parentKeyResultId: target.id } : { parentId: target.id, parentKeyResultId: null }
    return run('objective', objective.id, changes, () => objectivesApi.updateObjective(objective.id, changes, objective.version))
  }

  function moveKeyResult(keyResult, objectiveId) {
    const changes = { objectiveId }
    return run('keyResult', keyResult.id, changes, () => keyResultsApi.updateKeyResult(keyResult.id, changes, keyResult.version))
  }

  /** Sends the conflicting change again on top of the version the server stores now. */
  function retryConflict() {
    const pending = conflict.value
    if (!pending || pending.id === null) {
      return Promise.resolve(false)
    }
    const update = pending.kind === 'objective' ? objectivesApi.updateObjective : keyResultsApi.updateKeyResult
    return run(pending.kind, pending.id, pending.changes, () => update(pending.id, pending.changes, pending.currentVersion))
  }

  function dismissConflict() {
    conflict.value = null
  }

  async function archiveObjective(objective, { cascade = false } = {}) {
    const archived = await run('archive', objective.id, null, () => objectivesApi.archiveObjective(objective.id, { cascade, version: objective.version }))
    if (archived) {
      forgetSaved(objective.id)
      await load()
    }
    return archived
  }

  async function archiveKeyResult(keyResult) {
    const archived = await run('archive', keyResult.id, null, () => keyResultsApi.archiveKeyResult(keyResult.id, keyResult.version))
    if (archived) {
      forgetSaved(keyResult.id)
      keyResults.value = keyResults.value.filter((item) => item.id !== keyResult.id)
    }
    return archived
  }

  return {
    objectives,
    keyResults,
    people,
    kpis,
    initiatives,
    candidates,
    tree,
    loading,
    loadError,
    busy,
    fieldErrors,
    conflict,
    loop,
    actionError,
    load,
    clearMessages,
    saveObjective,
    saveKeyResult,
    realignObjective,
    moveKeyResult,
    retryConflict,
    dismissConflict,
    archiveObjective,
    archiveKeyResult,
  }
}
