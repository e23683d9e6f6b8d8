import { computed, inject, toValue } from 'vue'
import { OKR_EDITOR_KEY } from './okrEditorContext.js'
import { keyResultsWith, objectiveDraft, savedKeyResultDraft } from '../lib/qualityDraft.js'

/**
 * Builds the quality-check draft of an OKR editor form from the editor's saved objectives and key
 * results. `objectiveId` is the objective the form belongs to (null for a new objective).
 * `objective` is the objective as typed ({title, ownerId}), or null to check the saved one.
 * `keyResult` is the key result as typed (the form of `keyResultFormDraft`), or null when the
 * objective is edited, so the saved key results are checked as they are. `draftedKeyResults` are
 * the drafted key results of an objective that is not saved yet; they stand in for the saved ones.
 * Each argument is a ref or getter. Returns `draft` (the request body without language) and `focusField`, which moves
 * the focus to the form field with id `<idPrefix>-<field>`.
 */
export function useEditorQuality({ objectiveId, objective = null, keyResult = null, draftedKeyResults = null, idPrefix }) {
  const editor = inject(OKR_EDITOR_KEY, null)

  const draft = computed(() => {
    const id = toValue(objectiveId)
    const base = id ? (editor?.qualityBase?.(id) ?? null) : null
    const saved = base?.keyResults ?? toValue(draftedKeyResults) ?? []
    const typedObjective = toValue(objective)
    const typedKeyResult = toValue(keyResult)
    return {
      objective: objectiveDraft(typedObjective ?? base?.objective ?? null),
      keyResults: typedKeyResult ? keyResultsWith(saved, typedKeyResult) : saved.map(savedKeyResultDraft),
    }
  })

  // "Apply fix" only moves the focus to the field the finding concerns; the person edits and saves.
  function focusField(field) {
    document.getElementById(`${idPrefix}-${field}`)?.focus()
  }

  return { draft, focusField }
}
