// Tests of the outcome-model components on their own; the pages' tests cover them in context.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { nextTick, reactive } from 'vue'
import { REVENUE_DRIVER_TREE } from '../__fixtures__/outcomeModel.js'
import { fetchDriverTree } from '../api/kpis.js'
import { effectiveLevels } from '../lib/keyResultForm.js'
import { createTestApp, mountWithApp } from '../testing/mountWithApp.js'
import { fakeFetch } from '../testing/fakeFetch.js'
import CheckInRow from './CheckInRow.vue'
import ConflictPanel from './ConflictPanel.vue'
import CorridorBar from './CorridorBar.vue'
import DriverTreeNode from './DriverTreeNode.vue'
import EChart from './EChart.vue'
import FormField from './FormField.vue'
import KeyResultForm from './KeyResultForm.vue'
import MeasurementDetail from './MeasurementDetail.vue'
import MilestoneListEditor from './MilestoneListEditor.vue'
import ObjectiveForm from './ObjectiveForm.vue'
import ZonePreview from './ZonePreview.vue'

let wrapper

function mount(component, props, { locale = 'en', slots } = {}) {
  wrapper = mountWithApp(component, createTestApp({ locale }), { props, slots })
  return wrapper
}

afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  vi.unstubAllGlobals()
})

describe('FormField', () => {
  it('shows the message and points the control at it', () => {
    mount(FormField, { fieldId: 'f-title', label: 'Title', error: 'is missing' }, {
      slots: { default: '<template #default="{ describedBy }"><input id="f-title" :aria-describedby="describedBy" /></template>' },
    })
    expect(wrapper.get('[data-testid="field-error"]').text()).toBe('is missing')
    expect(wrapper.get('input').attributes('aria-describedby')).toBe('f-title-error')
  })

  it('shows the hint without a message', () => {
    mount(FormField, { fieldId: 'f-key', label: 'Key', hint: 'lower-case' })
    expect(wrapper.find('[data-testid="field-error"]').exists()).toBe(false)
    expect(wrapper.text()).toContain('lower-case')
  })
})

describe('ZonePreview', () => {
  it('shows the four zones of the levels', () => {
    mount(ZonePreview, { levels: effectiveLevels({ start: 0, target: 70 }), unit: 'NPS' })
    expect(wrapper.findAll('[data-zone]').map((band) => band.attributes('data-zone'))).toEqual(['fail', 'commit', 'target', 'stretch'])
    expect(wrapper.get('[data-zone="target"]').text()).toContain('70 NPS to 100 NPS')
  })

  it('shows whole default levels for a count', () => {
    mount(ZonePreview, { levels: effectiveLevels({ start: 1, target: 3 }), unit: 'releases' })
    expect(wrapper.get('[data-zone="fail"]').text()).toContain('1 release to 2 releases')
    expect(wrapper.get('[data-zone="stretch"]').text()).toContain('from 4 releases')
    expect(wrapper.get('[data-testid="zone-defaults"]').text()).toContain('each rounded to the first whole number that reaches it')
  })

  it('says nothing of rounding where default levels keep decimals', () => {
    mount(ZonePreview, { levels: effectiveLevels({ start: 1.5, target: 3.5 }), unit: 'releases' }, { locale: 'de' })
    expect(wrapper.get('[data-testid="zone-defaults"]').text()).toBe(
      'Leere Stufen nutzen die Vorgaben: Commit bei 3/7 und Stretch bei 10/7 des Wegs vom Start zum Zielwert.')
  })

  it('gives default levels the decimals of decimal values', () => {
    mount(ZonePreview, { levels: effectiveLevels({ start: 1.5, target: 3.5 }), unit: 'releases' })
    expect(wrapper.get('[data-zone="fail"]').text()).toContain('1.5 releases to 2.4 releases')
    expect(wrapper.get('[data-zone="stretch"]').text()).toContain('from 4.4 releases')
  })

  it('keeps the decimals of a typed commit level', () => {
    mount(ZonePreview, { levels: effectiveLevels({ start: 1, target: 3, commit: 2.25 }), unit: 'releases' }, { locale: 'de' })
    expect(wrapper.get('[data-zone="commit"]').text()).toContain('2,25 Releases bis 3 Releases')
    expect(wrapper.get('[data-zone="stretch"]').text()).toContain('ab 3,86 Releases')
  })

  it('marks a default stretch below zero days as out of reach', () => {
    mount(ZonePreview, { levels: effectiveLevels({ start: 14, target: 4 }), unit: 'days' })
    expect(wrapper.get('[data-zone="target"]').text()).toContain('from 4 days')
    expect(wrapper.get('[data-zone="stretch"]').text()).toContain('out of reach')
    expect(wrapper.text()).not.toContain('-1')
    expect(wrapper.get('[data-testid="zone-unreachable-stretch"]').text()).toContain(
      'The default stretch level (-0.3 days) is below zero and cannot be reached. Set a stretch level, for example 0 days.')
    expect(wrapper.get('[data-testid="zone-use-stretch"]').text()).toBe('Use 0 days')
  })

  it('offers the stretch level zero in German', async () => {
    mount(ZonePreview, { levels: effectiveLevels({ start: 14, target: 4 }), unit: 'Tage' }, { locale: 'de' })
    expect(wrapper.get('[data-zone="stretch"]').text()).toContain('nicht erreichbar')
    expect(wrapper.get('[data-testid="zone-unreachable-stretch"]').text()).toContain(
      'Die voreingestellte Stretch-Stufe (-0,3 Tage) liegt unter null und ist nicht erreichbar.')
    await wrapper.get('[data-testid="zone-use-stretch"]').trigger('click')
    expect(wrapper.emitted('use-level')).toEqual([[{ level: 'stretch', value: 0 }]])
  })

  it('offers no stretch level beyond a target of zero', () => {
    mount(ZonePreview, { levels: effectiveLevels({ start: 3, target: 0 }), unit: 'days' })
    expect(wrapper.get('[data-testid="zone-unreachable-stretch"]').text()).toBe(
      'The default stretch level (-1.3 days) is below zero and cannot be reached. The target of 0 days is already the lowest '
      + 'possible value, so no result can beat it and the stretch zone stays empty. You can save the key result as it is.')
    expect(wrapper.find('[data-testid="zone-use-stretch"]').exists()).toBe(false)
  })

  it('offers no stretch level beyond a target of zero in German', () => {
    mount(ZonePreview, { levels: effectiveLevels({ start: 3, target: 0 }), unit: 'Tage' }, { locale: 'de' })
    expect(wrapper.get('[data-testid="zone-unreachable-stretch"]').text()).toContain(
      'Der Zielwert 0 Tage ist schon der kleinstmögliche Wert, kein Ergebnis kann ihn übertreffen, also bleibt der Stretch-Bereich leer.')
    expect(wrapper.find('[data-testid="zone-use-stretch"]').exists()).toBe(false)
  })

  it('shows a default stretch below zero of a signed unit', () => {
    mount(ZonePreview, { levels: effectiveLevels({ start: 14, target: 4 }), unit: '°C' })
    expect(wrapper.get('[data-zone="stretch"]').text()).toContain('from -1 °C')
    expect(wrapper.find('[data-testid="zone-unreachable-stretch"]').exists()).toBe(false)
  })

  it('asks for start and target without levels', () => {
    mount(ZonePreview, { levels: null })
    expect(wrapper.text()).toBe('Enter start and target to see the zones.')
  })
})

describe('MeasurementDetail', () => {
  it('shows the whole zone levels of a count as the editor does', () => {
    const editor = effectiveLevels({ start: 1, target: 4 })
    mount(MeasurementDetail, {
      node: { measurement: 'increase', start: 1, target: 4, commit: editor.commit, stretch: editor.stretch, unit: 'releases' },
    })
    expect(wrapper.get('[data-testid="zone-levels"]').text()).toContain('commit 3 releases · stretch 6 releases')
  })

  it('keeps the decimals of decimal values on default levels', () => {
    const editor = effectiveLevels({ start: 1.5, target: 3.5 })
    mount(MeasurementDetail, {
      node: { measurement: 'increase', start: 1.5, target: 3.5, commit: editor.commit, stretch: editor.stretch, unit: 'releases' },
    }, { locale: 'de' })
    expect(wrapper.get('[data-testid="zone-levels"]').text()).toContain('2,4 Releases')
    expect(wrapper.get('[data-testid="zone-levels"]').text()).toContain('4,4 Releases')
  })
})

describe('MeasurementDetail at zero', () => {
  it('shows a default stretch below zero days as out of reach', () => {
    const editor = effectiveLevels({ start: 14, target: 4 })
    mount(MeasurementDetail, {
      node: { measurement: 'decrease', start: 14, target: 4, commit: editor.commit, stretch: editor.stretch, unit: 'days' },
    })
    expect(wrapper.get('[data-testid="zone-levels"]').text()).toContain('commit 9 days · stretch out of reach')
  })
})

describe('MilestoneListEditor', () => {
  it('adds, reorders and removes milestones', async () => {
    const milestones = reactive([{ title: 'A', weight: '1', done: false }, { title: 'B', weight: '1', done: false }])
    mount(MilestoneListEditor, { milestones, errorOf: () => null, idPrefix: 'm' })
    await wrapper.get('[data-testid="milestone-add"]').trigger('click')
    expect(milestones).toHaveLength(3)
    await wrapper.get('[data-testid="milestone-1"]').findAll('button')[0].trigger('click')
    expect(milestones.map((milestone) => milestone.title)).toEqual(['B', 'A', ''])
    await wrapper.get('[data-testid="milestone-2"]').findAll('button')[1].trigger('click')
    expect(milestones).toHaveLength(2)
  })
})

describe('ObjectiveForm', () => {
  it('proposes the key from the title and checks the title', async () => {
    mount(ObjectiveForm, { unitId: 'u', cycleId: 'c' })
    await wrapper.get('[data-testid="objective-title"]').setValue('Delight returning customers')
    expect(wrapper.get('[data-testid="objective-key"]').element.value).toBe('delight-returning-customers')
    await wrapper.get('[data-testid="objective-title"]').setValue('')
    await wrapper.get('form').trigger('submit')
    expect(wrapper.emitted('save')).toBeUndefined()
    expect(wrapper.get('[data-field="title"] [data-testid="field-error"]').text()).toBe('Required.')
  })

  it('keeps a key typed by hand', async () => {
    mount(ObjectiveForm, {})
    await wrapper.get('[data-testid="objective-key"]').setValue('my-key')
    await wrapper.get('[data-testid="objective-key"]').trigger('input')
    await wrapper.get('[data-testid="objective-title"]').setValue('Another title')
    expect(wrapper.get('[data-testid="objective-key"]').element.value).toBe('my-key')
  })

  it('hides the parent of a strategic outcome', () => {
    mount(ObjectiveForm, { kind: 'strategic_outcome' })
    expect(wrapper.find('[data-testid="objective-parent"]').exists()).toBe(false)
  })
})

describe('KeyResultForm', () => {
  it('emits the body of a valid key result', async () => {
    mount(KeyResultForm, { objectiveId: 'o-1' })
    await wrapper.get('[data-testid="kr-title"]').setValue('Cut refund time')
    await wrapper.get('[data-testid="kr-measurement"]').setValue('decrease')
    await wrapper.get('[data-testid="kr-start"]').setValue('10')
    await wrapper.get('[data-testid="kr-target"]').setValue('4')
    await wrapper.get('[data-testid="kr-unit"]').setValue('days')
    await wrapper.get('form').trigger('submit')
    expect(wrapper.emitted('save')[0][0]).toMatchObject({ key: 'cut-refund-time', objectiveId: 'o-1', measurement: 'decrease', start: 10, target: 4, unit: 'days' })
  })

  it('names a required field left empty', async () => {
    mount(KeyResultForm, { objectiveId: 'o-1' })
    await wrapper.get('[data-testid="kr-title"]').setValue('Cut refund time')
    await wrapper.get('form').trigger('submit')
    expect(wrapper.get('[data-field="target"] [data-testid="field-error"]').text()).toBe('Required.')
  })

  it('speaks German', () => {
    mount(KeyResultForm, { objectiveId: 'o-1' }, { locale: 'de' })
    expect(wrapper.get('[data-testid="kr-save"]').text()).toBe('Speichern')
  })

  const initiatives = [
    { id: 'i-1', key: 'invoice-epic', title: 'Pay by invoice' },
    { id: 'i-2', key: 'reorder-epic', title: 'One-click reorder' },
  ]

  it('offers initiatives to follow for work items', async () => {
    mount(KeyResultForm, { objectiveId: 'o-1', initiatives })
    await wrapper.get('[data-testid="kr-title"]').setValue('Ship invoicing')
    await wrapper.get('[data-testid="kr-measurement"]').setValue('work_items')
    const select = wrapper.get('[data-testid="kr-work-from"]')
    select.findAll('option')[1].element.selected = true
    await select.trigger('change')
    await wrapper.get('form').trigger('submit')
    expect(wrapper.get('[data-field="workFrom"] label').text()).toBe('Follows the work of initiatives')
    expect(wrapper.emitted('save')[0][0]).toMatchObject({ measurement: 'work_items', workFrom: ['i-2'] })
  })

  it('hides the initiatives for other measurements', () => {
    mount(KeyResultForm, { objectiveId: 'o-1', initiatives })
    expect(wrapper.find('[data-testid="kr-work-from"]').exists()).toBe(false)
  })

  it('shows a rejected initiative at the list', async () => {
    const keyResult = { id: 'kr-1', key: 'ship', objectiveId: 'o-1', title: 'Ship', measurement: 'work_items', workFrom: ['i-1'], version: 1 }
    mount(KeyResultForm, { keyResult, initiatives, serverErrors: { 'workFrom[0]': 'names the archived initiative invoice-epic' } })
    expect(wrapper.get('[data-field="workFrom"] [data-testid="field-error"]').text()).toBe('names the archived initiative invoice-epic')
  })

  it('names the initiatives field in German', async () => {
    mount(KeyResultForm, { objectiveId: 'o-1', initiatives }, { locale: 'de' })
    await wrapper.get('[data-testid="kr-measurement"]').setValue('work_items')
    expect(wrapper.get('[data-field="workFrom"] label').text()).toBe('Folgt der Arbeit von Initiativen')
  })
})

describe('ConflictPanel', () => {
  it('puts the current value beside the person’s change', async () => {
    const conflict = { kind: 'objective', id: 'o', changes: { title: 'Mine' }, current: { title: 'Theirs' }, currentVersion: 8 }
    mount(ConflictPanel, { conflict, describe: (field, value) => value })
    const row = wrapper.get('[data-testid="conflict-title"]')
    expect(row.get('.theirs').text()).toBe('Theirs')
    expect(row.get('.mine').text()).toBe('Mine')
    await wrapper.get('[data-testid="conflict-retry"]').trigger('click')
    expect(wrapper.emitted('retry')).toHaveLength(1)
  })
})

describe('CheckInRow', () => {
  const keyResult = { id: 'k', key: 'k', title: 'Conversion', measurement: 'increase', start: 1, target: 2, current: 1.5, unit: '%', confidence: 4 }

  it('moves the confidence with the slider', async () => {
    const row = reactive({ keyResultId: 'k', value: '', confidence: 4, initialConfidence: 4, note: '', blockers: '' })
    mount(CheckInRow, { keyResult, row })
    await wrapper.get('[data-testid="confidence"]').setValue('9')
    expect(row.confidence).toBe(9)
    await nextTick()
    expect(wrapper.get('[data-testid="confidence-output"]').text()).toBe('9/10')
  })
})

describe('CorridorBar', () => {
  it('draws nothing without a corridor', () => {
    mount(CorridorBar, { kpi: { current: 1, green: null, red: null, direction: 'increase' } })
    expect(wrapper.find('[data-testid="corridor-bar"]').exists()).toBe(false)
  })
})

describe('DriverTreeNode', () => {
  it('shows the sensitivity of each driver in the parent’s unit', async () => {
    const fake = fakeFetch({ 'GET /api/v1/kpis/x/driver-tree': { body: REVENUE_DRIVER_TREE } })
    vi.stubGlobal('fetch', fake.fetchStub)
    const tree = await fetchDriverTree('x')
    mount(DriverTreeNode, { node: tree })
    expect(wrapper.get('[data-testid="driver-average-order-value"] [data-testid="sensitivity"]').text()).toContain(
      '+1 % in Average order value moves Online revenue by +1 % (+EUR 4,200)',
    )
  })

  it('shows weights only under a parent without a formula', async () => {
    const fake = fakeFetch({ 'GET /api/v1/kpis/x/driver-tree': { body: REVENUE_DRIVER_TREE } })
    vi.stubGlobal('fetch', fake.fetchStub)
    const tree = await fetchDriverTree('x')
    mount(DriverTreeNode, { node: tree })
    expect(wrapper.get('[data-testid="driver-average-order-value"]').text()).not.toContain('weight')
    expect(wrapper.get('[data-testid="driver-sessions-per-week"]').text()).toContain('weight 4')
  })
})

describe('EChart', () => {
  it('redraws with German date names after a language switch', async () => {
    const app = createTestApp()
    const option = { xAxis: { type: 'time' }, yAxis: { type: 'value' }, series: [{ type: 'line', data: [['2026-10-01', 1]] }] }
    wrapper = mountWithApp(EChart, app, { props: { option, label: 'One value' } })
    const english = wrapper.vm.chart
    app.i18n.global.locale.value = 'de'
    await nextTick()
    expect(wrapper.vm.chart).not.toBe(english)
    expect(english.isDisposed()).toBe(true)
  })

  it('draws the option as SVG with the text alternative', () => {
    const option = { xAxis: { type: 'category', data: ['a', 'b'] }, yAxis: { type: 'value' }, series: [{ type: 'line', data: [1, 2] }] }
    mount(EChart, { option, label: 'Two values' })
    expect(wrapper.get('[data-testid="chart"]').attributes('aria-label')).toBe('Two values')
    expect(wrapper.find('svg path').exists()).toBe(true)
  })
})
