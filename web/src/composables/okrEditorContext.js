/** Injection key of the OKR editor's shared state and actions, which the tree's nodes use. */
export const OKR_EDITOR_KEY = Symbol('momentum okr editor')
