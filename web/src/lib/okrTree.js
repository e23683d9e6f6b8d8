// The tree of a unit's OKRs in one cycle: objectives with their key results, and child
// objectives under the objective or key result they align to.

import { isCurrency } from './unitsOfMeasure.js'

/**
 * Builds the tree from flat lists. Returns root entries `{objective, keyResults, children}`
 * where each key result entry is `{keyResult, children}` (objectives aligned to that key
 * result) and `children` are the objectives aligned to the objective. An objective whose parent
 * is not among the given objectives and key results is a root. Siblings are ordered by title.
 * A parent chain that loops is cut where it would repeat, so the tree is always finite.
 */
export function buildOkrTree(objectives, keyResults) {
  const objectiveIds = new Set(objectives.map((objective) => objective.id))
  const keyResultIds = new Set(keyResults.map((keyResult) => keyResult.id))
  const byParentObjective = groupBy(objectives.filter((o) => objectiveIds.has(o.parentId)), (o) => o.parentId)
  const byParentKeyResult = groupBy(objectives.filter((o) => keyResultIds.has(o.parentKeyResultId)), (o) => o.parentKeyResultId)
  const keyResultsByObjective = groupBy(keyResults, (keyResult) => keyResult.objectiveId)
  const placed = new Set()

  function objectiveEntry(objective) {
    placed.add(objective.id)
    return {
      objective,
      keyResults: sortByTitle(keyResultsByObjective.get(objective.id) ?? [], (k) => k.title).map((keyResult) => ({
        keyResult,
        children: childEntries(byParentKeyResult.get(keyResult.id)),
      })),
      children: childEntries(byParentObjective.get(objective.id)),
    }
  }

  function childEntries(children) {
    return sortByTitle((children ?? []).filter((child) => !placed.has(child.id)), (o) => o.title).map(objectiveEntry)
  }

  const roots = objectives.filter((o) => !objectiveIds.has(o.parentId) && !keyResultIds.has(o.parentKeyResultId))
  const tree = sortByTitle(roots, (o) => o.title).map(objectiveEntry)
  // Objectives that only point at each other in a loop have no root; show them at the top level.
  for (const objective of sortByTitle(objectives, (o) => o.title)) {
    if (!placed.has(objective.id)) {
      tree.push(objectiveEntry(objective))
    }
  }
  return tree
}

/** Returns the ids of an objective and every objective below it in the tree (through key results too). */
export function descendantObjectiveIds(entry) {
  const ids = new Set([entry.objective.id])
  for (const child of entry.children) {
    descendantObjectiveIds(child).forEach((id) => ids.add(id))
  }
  for (const keyResultEntry of entry.keyResults) {
    for (const child of keyResultEntry.children) {
      descendantObjectiveIds(child).forEach((id) => ids.add(id))
    }
  }
  return ids
}

function groupBy(items, keyOf) {
  const groups = new Map()
  for (const item of items) {
    const key = keyOf(item)
    if (!groups.has(key)) {
      groups.set(key, [])
    }
    groups.get(key).push(item)
  }
  return groups
}

function sortByTitle(items, titleOf) {
  return [...items].sort((left, right) => titleOf(left).localeCompare(titleOf(right)))
}

/**
 * Formats the values of a key result's card, such as "from 28 to 40 points" (German "von 28 auf
 * 40 Punkte") or "Healthy band 95 % – 99 %", or returns null when start or target is missing.
 * A unit word follows only the target, because a unit word after both numbers reads as doubled.
 * A currency goes with both numbers ("from EUR 38 to EUR 31"), because English writes it before
 * the number, where "from 38 to EUR 31" leaves the start without one. `valueText(number, unit)`
 * formats one number as `useFormat` does.
 */
export function keyResultValuesText(keyResult, t, valueText) {
  if (keyResult.measurement === 'range') {
    return t('detail.band', { low: valueText(keyResult.low, keyResult.unit), high: valueText(keyResult.high, keyResult.unit) })
  }
  if (keyResult.start === null || keyResult.target === null) {
    return null
  }
  const startUnit = isCurrency(keyResult.unit) ? keyResult.unit : null
  return t('editor.startTarget', { start: valueText(keyResult.start, startUnit), target: valueText(keyResult.target, keyResult.unit) })
}
