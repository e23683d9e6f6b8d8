// Representative REST responses of the outcome model for page tests: one strategy with a year and
// two quarters, the Checkout Squad's Q4 objectives and key results, company goals to align to,
// people and KPIs.
import { DEMO_USER, page } from '../testing/fakeFetch.js'

export const UNIT_ID = 'u-checkout'
export const Q4 = 'c-2026-q4'

export const CYCLES = [
  { id: 'c-strategy', key: 'strategy-2025-2027', name: 'Strategy 2025–2027', kind: 'strategy', parentId: null, start: '2025-01-01', end: '2027-12-31', closed: false },
  { id: 'c-2026', key: '2026', name: '2026', kind: 'annual', parentId: 'c-strategy', start: '2026-01-01', end: '2026-12-31', closed: false },
  { id: 'c-2026-q3', key: '2026-q3', name: 'Q3 2026', kind: 'quarter', parentId: 'c-2026', start: '2026-07-01', end: '2026-09-30', closed: true },
  { id: Q4, key: '2026-q4', name: 'Q4 2026', kind: 'quarter', parentId: 'c-2026', start: '2026-10-01', end: '2026-12-31', closed: false },
]

export const PEOPLE = [
  { id: 'p-1', name: 'Dana Weber', email: 'dana@acme.test', unitId: UNIT_ID },
  { id: 'p-2', name: 'Jonas Keller', email: 'jonas@acme.test', unitId: UNIT_ID },
]

export const OUTCOME = {
  id: 'o-loyal', key: 'loyal-customers', kind: 'strategic_outcome', title: 'Customers stay with us for years', description: null,
  parentId: null, parentKeyResultId: null, unitId: 'u-company', cycleId: 'c-strategy', ownerId: null, ownerName: 'Board',
  weight: 1, rollupChildren: true, version: 3,
}

export const COMPANY_OBJECTIVE = {
  id: 'o-online', key: 'grow-online-share', kind: 'objective', title: 'Grow the online share of sales', description: null,
  parentId: 'o-loyal', parentKeyResultId: null, unitId: 'u-company', cycleId: 'c-2026', ownerId: 'p-2', ownerName: 'Jonas Keller',
  weight: 1, rollupChildren: false, version: 5,
}

export const COMPANY_KEY_RESULT = {
  id: 'k-online-revenue', key: 'online-revenue', objectiveId: 'o-online', title: 'Online revenue share from 18 % to 25 %',
  measurement: 'increase', unitId: 'u-company', ownerId: 'p-2', ownerName: 'Jonas Keller', weight: 1, start: 18, target: 25,
  low: null, high: null, tolerance: null, commit: null, stretch: null, unit: '%', kpiId: null, milestones: [], current: 21,
  confidence: 7, version: 9,
}

export const DELIGHT = {
  id: 'o-delight', key: 'checkout-delight', kind: 'objective', title: 'Make checkout effortless', description: 'Returning customers pay in seconds.',
  parentId: null, parentKeyResultId: 'k-online-revenue', unitId: UNIT_ID, cycleId: Q4, ownerId: 'p-1', ownerName: 'Dana Weber',
  weight: 1, rollupChildren: false, version: 4,
}

export const PAYMENTS = {
  id: 'o-payments', key: 'reliable-payments', kind: 'objective', title: 'Payments that never fail', description: null,
  parentId: null, parentKeyResultId: null, unitId: UNIT_ID, cycleId: Q4, ownerId: 'p-2', ownerName: 'Jonas Keller',
  weight: 1, rollupChildren: false, version: 2,
}

export const CONVERSION = {
  id: 'k-conversion', key: 'checkout-conversion', objectiveId: 'o-delight', title: 'Raise checkout conversion from 2.1 % to 3.5 %',
  measurement: 'increase', unitId: UNIT_ID, ownerId: 'p-1', ownerName: 'Dana Weber', weight: 1, start: 2.1, target: 3.5,
  low: null, high: null, tolerance: null, commit: 2.7, stretch: 4.1, unit: '%', kpiId: null, milestones: [], current: 2.8,
  confidence: 6, version: 17,
}

export const REORDER = {
  id: 'k-reorder', key: 'one-click-reorder', objectiveId: 'o-delight', title: 'Ship one-click reorder', measurement: 'milestone',
  unitId: UNIT_ID, ownerId: 'p-1', ownerName: 'Dana Weber', weight: 1, start: null, target: null, low: null, high: null,
  tolerance: null, commit: null, stretch: null, unit: null, kpiId: null,
  milestones: [{ id: 'm1', title: 'Design approved', weight: 1, done: true }, { id: 'm2', title: 'General availability', weight: 2, done: false }],
  current: null, confidence: 3, version: 6,
}

export const ERROR_BAND = {
  id: 'k-errors', key: 'payment-errors-band', objectiveId: 'o-payments', title: 'Keep payment errors between 0.1 % and 0.5 %',
  measurement: 'range', unitId: UNIT_ID, ownerId: 'p-2', ownerName: 'Jonas Keller', weight: 1, start: null, target: null,
  low: 0.1, high: 0.5, tolerance: 0.4, commit: null, stretch: null, unit: '%', kpiId: null, milestones: [], current: 0.3,
  confidence: null, version: 3,
}

export const PCI = {
  id: 'k-pci', key: 'pci-audit-passed', objectiveId: 'o-payments', title: 'Pass the PCI DSS audit', measurement: 'binary',
  unitId: UNIT_ID, ownerId: 'p-2', ownerName: 'Jonas Keller', weight: 1, start: null, target: null, low: null, high: null,
  tolerance: null, commit: null, stretch: null, unit: null, kpiId: null, milestones: [], current: null, confidence: null, version: 1,
}

export const REVENUE_KPI = {
  id: 'kpi-revenue', key: 'online-revenue-kpi', title: 'Online revenue', description: 'Revenue of the web shop per week',
  unitId: 'u-company', ownerId: 'p-2', ownerName: 'Jonas Keller', unit: 'EUR', direction: 'increase', start: null, target: 500000,
  green: 450000, red: 380000, current: 420000, currentAt: '2026-12-04T08:00:00Z', indicator: 'lagging', expectedEveryHours: 168,
  formula: 'orders * aov', targets: [{ due: '2026-12-31', value: 500000 }, { due: '2027-06-30', value: 560000 }],
  drivers: [{ driverId: 'kpi-orders', variable: 'orders', weight: 1 }, { driverId: 'kpi-aov', variable: 'aov', weight: 1 }], version: 12,
}

export const ORDERS_KPI = {
  id: 'kpi-orders', key: 'orders-per-week', title: 'Orders per week', description: null, unitId: UNIT_ID, ownerId: null,
  ownerName: null, unit: 'orders', direction: 'increase', start: null, target: null, green: 6000, red: 5000, current: 6400,
  currentAt: '2026-12-04T00:00:00Z', indicator: 'leading', expectedEveryHours: 24, formula: null, targets: [], drivers: [], version: 4,
}

/** Routes of a server that stores the fixtures above; `extra` adds or replaces routes. */
/** Live initiatives as GET /api/v1/initiatives lists them; work_items key results can follow them. */
export const INITIATIVES = [
  { id: 'i-reorder-epic', key: 'reorder-epic', title: 'One-click reorder epic', unitId: UNIT_ID, version: 1 },
  { id: 'i-invoice-epic', key: 'invoice-epic', title: 'Pay by invoice epic', unitId: UNIT_ID, version: 1 },
]

export function outcomeRoutes(extra = {}) {
  return {
    'GET /api/v1/auth/me': { body: { user: DEMO_USER } },
    'GET /api/v1/cycles': page(CYCLES),
    'GET /api/v1/people': page(PEOPLE),
    'GET /api/v1/units/u-checkout': { body: { id: UNIT_ID, key: 'checkout-squad', name: 'Checkout Squad', kind: 'team', parentId: null } },
    'GET /api/v1/kpis': page([REVENUE_KPI, ORDERS_KPI]),
    'GET /api/v1/initiatives': page(INITIATIVES),
    'GET /api/v1/objectives': (request) => {
      const query = new URL(request.path, 'http://127.0.0.1').searchParams
      if (query.get('unit') === UNIT_ID) {
        return page([DELIGHT, PAYMENTS])
      }
      const byCycle = { 'c-strategy': [OUTCOME], 'c-2026': [COMPANY_OBJECTIVE], [Q4]: [DELIGHT, PAYMENTS] }
      return page(byCycle[query.get('cycle')] ?? [])
    },
    'GET /api/v1/key-results': (request) => {
      const query = new URL(request.path, 'http://127.0.0.1').searchParams
      if (query.get('unit') === UNIT_ID) {
        return page([CONVERSION, REORDER, ERROR_BAND, PCI])
      }
      const byCycle = { 'c-2026': [COMPANY_KEY_RESULT], [Q4]: [CONVERSION, REORDER, ERROR_BAND, PCI] }
      return page(byCycle[query.get('cycle')] ?? [])
    },
    ...extra,
  }
}

/** Driver tree of online revenue = orders * aov; orders is explained by weighted drivers. */
/** The driver tree as GET /api/v1/kpis/{id}/driver-tree answers it. */
export const REVENUE_DRIVER_TREE = {
  id: 'kpi-revenue',
  key: 'online-revenue-kpi',
  title: 'Online revenue',
  unit: 'EUR',
  value: 420000,
  status: 'on_track',
  stale: false,
  updatedAt: '2026-12-04T00:00:00Z',
  formula: 'orders * aov',
  truncated: false,
  drivers: [
    {
      variable: 'orders',
      weight: 1,
      change: 4200,
      changePercent: 1,
      estimated: false,
      kpi: {
        id: 'kpi-orders',
        key: 'orders-per-week',
        title: 'Orders per week',
        unit: 'orders',
        value: 6400,
        status: 'on_track',
        formula: null,
        drivers: [
          {
            variable: 'sessions',
            weight: 4,
            change: 51.2,
            changePercent: 0.8,
            estimated: true,
            kpi: {
              id: 'kpi-sessions',
              key: 'sessions-per-week',
              title: 'Sessions per week',
              unit: 'sessions',
              value: 240000,
              status: 'on_track',
              formula: null,
              drivers: [],
            },
          },
        ],
      },
    },
    {
      variable: 'aov',
      weight: 1,
      change: 4200,
      changePercent: 1,
      estimated: false,
      kpi: {
        id: 'kpi-aov',
        key: 'average-order-value',
        title: 'Average order value',
        unit: 'EUR',
        value: 65.625,
        status: 'on_track',
        formula: null,
        drivers: [],
      },
    },
  ],
}

export const REVENUE_HISTORY = {
  points: [
    { at: '2026-11-13T00:00:00Z', value: 395000 },
    { at: '2026-11-20T00:00:00Z', value: 402000 },
    { at: '2026-11-27T00:00:00Z', value: 411000 },
    { at: '2026-12-04T00:00:00Z', value: 420000 },
  ],
}

export const REVENUE_FOLLOWER = {
  ...COMPANY_KEY_RESULT,
  id: 'k-revenue-follow',
  key: 'online-revenue-500k',
  title: 'Reach 500,000 EUR weekly online revenue',
  measurement: 'kpi',
  kpiId: 'kpi-revenue',
  start: 380000,
  target: 500000,
  unit: 'EUR',
}

/** Impact chain around the checkout conversion key result, walked both ways. */
export const CONVERSION_CHAIN = {
  rootId: 'k-conversion',
  nodes: [
    { id: 'i-reorder-epic', key: 'reorder-epic', kind: 'initiative', title: 'One-click reorder epic', stage: 'output', status: 'on_track', progress: 0.62 },
    { id: 'kpi-sessions', key: 'sessions-per-week', kind: 'kpi', title: 'Sessions per week', stage: 'input', status: 'on_track', progress: null },
    { id: 'k-conversion', key: 'checkout-conversion', kind: 'key_result', title: 'Raise checkout conversion from 2.1 % to 3.5 %', stage: 'outcome', status: 'at_risk', progress: 0.5 },
    { id: 'kpi-revenue', key: 'online-revenue-kpi', kind: 'kpi', title: 'Online revenue', stage: 'impact', status: 'at_risk', progress: null },
  ],
  links: [
    { id: 'l-1', fromId: 'kpi-sessions', fromStage: 'input', toId: 'i-reorder-epic', toStage: 'output' },
    { id: 'l-2', fromId: 'i-reorder-epic', fromStage: 'output', toId: 'k-conversion', toStage: 'outcome' },
    { id: 'l-3', fromId: 'k-conversion', fromStage: 'outcome', toId: 'kpi-revenue', toStage: 'impact' },
  ],
}

/** History of the conversion key result, carried over from Q3 into Q4. */
export const CONVERSION_HISTORY = {
  points: [
    { at: '2026-08-03T09:00:00Z', value: 1.9, confidence: 6, cycleId: 'c-2026-q3' },
    { at: '2026-09-07T09:00:00Z', value: 2.1, confidence: 5, cycleId: 'c-2026-q3' },
    { at: '2026-10-12T09:00:00Z', value: 2.4, confidence: 7, cycleId: Q4 },
    { at: '2026-11-16T09:00:00Z', value: 2.8, confidence: 6, cycleId: Q4 },
  ],
}

export const CONVERSION_CHECK_INS = {
  items: [
    { id: 'ci-1', at: '2026-11-16T09:00:00Z', value: 2.8, confidence: 6, note: 'New address form live', blockers: null, author: 'Dana Weber' },
    { id: 'ci-2', at: '2026-10-12T09:00:00Z', value: 2.4, confidence: 7, note: null, blockers: 'PSP outage', author: 'Dana Weber' },
  ],
  nextCursor: null,
}
