// The unit and node kind limit of an API token: the unit tree for choosing units, and the texts
// that describe a token's limit in its list row.

/** Node kinds a token may be limited to, in the order the form lists them. */
export const NODE_KINDS = ['strategic_outcome', 'objective', 'key_result', 'kpi', 'initiative']

/**
 * Returns the units as rows of a tree, each {unit, depth}: parents before their sub-units,
 * siblings by name. A unit whose parent is not in the list starts a tree of its own.
 */
export function unitTreeRows(units) {
  const ids = new Set(units.map((unit) => unit.id))
  const children = new Map()
  for (const unit of units) {
    const parent = unit.parentId && ids.has(unit.parentId) ? unit.parentId : null
    if (!children.has(parent)) {
      children.set(parent, [])
    }
    children.get(parent).push(unit)
  }
  const rows = []
  const visit = (parent, depth) => {
    const below = [...(children.get(parent) ?? [])].sort((left, right) => left.name.localeCompare(right.name))
    for (const unit of below) {
      rows.push({ unit, depth })
      visit(unit.id, depth + 1)
    }
  }
  visit(null, 0)
  return rows
}

/**
 * Returns the ids of units that a chosen unit above them already covers, because a token limited
 * to a unit reaches all of its sub-units.
 */
export function coveredUnitIds(units, chosenIds) {
  const chosen = new Set(chosenIds)
  const parentOf = new Map(units.map((unit) => [unit.id, unit.parentId ?? null]))
  const covered = new Set()
  for (const unit of units) {
    const seen = new Set([unit.id])
    for (let parent = parentOf.get(unit.id); parent && !seen.has(parent); parent = parentOf.get(parent)) {
      seen.add(parent)
      if (chosen.has(parent)) {
        covered.add(unit.id)
        break
      }
    }
  }
  return covered
}

/**
 * Returns the body of a token create request: {name, scopes} and, when the person limited the
 * token, units (the chosen ids not covered by another chosen unit) and kinds.
 */
export function tokenRequest({ name, write, unitIds, kinds }, units) {
  const body = { name, scopes: write ? ['read', 'write'] : ['read'] }
  const covered = coveredUnitIds(units, unitIds)
  const chosenUnits = unitIds.filter((id) => !covered.has(id))
  if (chosenUnits.length > 0) {
    body.units = chosenUnits
  }
  if (kinds.length > 0) {
    body.kinds = NODE_KINDS.filter((kind) => kinds.includes(kind))
  }
  return body
}

/**
 * Returns the texts of a listed token's limit, {units, kinds}: the unit names, or the "every unit"
 * text when the token is not limited to units, and the same for node kinds. `t` is vue-i18n's.
 */
export function restrictionTexts(token, t) {
  const units = token.units ?? []
  const kinds = token.kinds ?? []
  return {
    units: units.length === 0 ? t('apiTokens.everyUnit') : units.map((unit) => unit.name).join(', '),
    kinds: kinds.length === 0 ? t('apiTokens.everyKind') : kinds.map((kind) => t(`links.kind.${kind}`)).join(', '),
  }
}
