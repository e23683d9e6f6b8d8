import { describe, expect, it, vi } from 'vitest'
import { ref } from 'vue'
import { confirmedDelete } from './confirmedDelete.js'

function setUp(remove) {
  const refs = { deleting: ref({ id: 'w1', name: 'Ops bot', version: 3 }), notice: ref(null), actionFailure: ref('old') }
  const reload = vi.fn()
  const handler = confirmedDelete(refs, {
    remove,
    deletedText: (item) => `deleted ${item.name}`,
    staleText: (item) => `stale ${item.name}`,
    reload,
  })
  return { refs, reload, handler }
}

describe('confirmedDelete', () => {
  it('deletes with the version read and reloads', async () => {
    const remove = vi.fn().mockResolvedValue(undefined)
    const { refs, reload, handler } = setUp(remove)

    await handler()

    expect(remove).toHaveBeenCalledWith('w1', 3)
    expect(refs.notice.value).toBe('deleted Ops bot')
    expect(refs.actionFailure.value).toBeNull()
    expect(refs.deleting.value).toBeNull()
    expect(reload).toHaveBeenCalledOnce()
  })

  it('shows the stale text on a version conflict', async () => {
    const conflict = Object.assign(new Error('stale'), { status: 409, code: 'stale_version' })
    const { refs, reload, handler } = setUp(vi.fn().mockRejectedValue(conflict))

    await handler()

    expect(refs.notice.value).toBe('stale Ops bot')
    expect(refs.actionFailure.value).toBeNull()
    expect(reload).toHaveBeenCalledOnce()
  })

  it('keeps any other error for display', async () => {
    const failure = Object.assign(new Error('down'), { status: 503, code: 'unavailable' })
    const { refs, reload, handler } = setUp(vi.fn().mockRejectedValue(failure))

    await handler()

    expect(refs.notice.value).toBeNull()
    expect(refs.actionFailure.value).toBe(failure)
    expect(refs.deleting.value).toBeNull()
    expect(reload).toHaveBeenCalledOnce()
  })
})
