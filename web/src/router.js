import { createRouter, createWebHistory } from 'vue-router'
import LoginPage from './pages/LoginPage.vue'
import NotFoundPage from './pages/NotFoundPage.vue'
import PortfolioPage from './pages/PortfolioPage.vue'
import UnitBoardPage from './pages/UnitBoardPage.vue'
import { useSessionStore } from './stores/session.js'

export const routes = [
  // Live boards open the WebSocket; the shell shows its state only on them. They carry the cycle
  // in the address only once one was chosen; without it they show every current cycle.
  { path: '/', name: 'portfolio', component: PortfolioPage, alias: '/portfolio', meta: { live: true, cycleInUrl: 'chosen' } },
  { path: '/units/:unitId', name: 'unit', component: UnitBoardPage, props: true, meta: { live: true, cycleInUrl: 'chosen' } },
  // The outcome-model pages load on demand, so the boards download neither them nor ECharts.
  // Pages whose content depends on the chosen cycle keep it in the address (?cycle=), so a link
  // to them shows the same cycle to the next person.
  { path: '/units/:unitId/edit', name: 'okr-editor', component: () => import('./pages/OkrEditorPage.vue'), props: true, meta: { cycleInUrl: true } },
  { path: '/units/:unitId/drafts', name: 'drafts', component: () => import('./pages/DraftsPage.vue'), props: true, meta: { cycleInUrl: true } },
  { path: '/units/:unitId/briefs', name: 'briefs', component: () => import('./pages/BriefsPage.vue'), props: true },
  { path: '/units/:unitId/check-in', name: 'check-in', component: () => import('./pages/CheckInPage.vue'), props: true, meta: { cycleInUrl: true } },
  { path: '/kpis', name: 'kpis', component: () => import('./pages/KpiListPage.vue') },
  { path: '/kpis/new', name: 'kpi-new', component: () => import('./pages/KpiEditorPage.vue') },
  { path: '/kpis/:kpiId/edit', name: 'kpi-edit', component: () => import('./pages/KpiEditorPage.vue'), props: true },
  { path: '/kpis/:kpiId', name: 'kpi', component: () => import('./pages/KpiPage.vue'), props: true },
  { path: '/key-results/:id', name: 'key-result', component: () => import('./pages/KeyResultPage.vue'), props: true },
  { path: '/nodes/:nodeId/impact', name: 'impact', component: () => import('./pages/ImpactChainPage.vue'), props: true },
  { path: '/initiatives', name: 'initiatives', component: () => import('./pages/InitiativesPage.vue'), meta: { cycleInUrl: true } },
  { path: '/cycles', name: 'cycles', component: () => import('./pages/CyclesPage.vue') },
  { path: '/decisions', name: 'decisions', component: () => import('./pages/DecisionsPage.vue') },
  { path: '/integrations', name: 'integrations', component: () => import('./pages/IntegrationsPage.vue') },
  { path: '/settings', name: 'settings', component: () => import('./pages/SettingsPage.vue') },
  { path: '/settings/api-tokens', name: 'apiTokens', component: () => import('./pages/ApiTokensPage.vue') },
  { path: '/login', name: 'login', component: LoginPage, meta: { public: true } },
  { path: '/:pathMatch(.*)*', name: 'not-found', component: NotFoundPage, meta: { public: true } },
]

/** How long a link to an anchor, such as `#check-in-42`, waits for the page to render it. */
const ANCHOR_WAIT_MS = 3000

/**
 * Scrolls to the element a link's hash names once the page has loaded it (check-ins and signals
 * arrive after navigation), to the saved position on back and forward, and else to the top.
 */
function scrollBehavior(to, from, savedPosition) {
  if (savedPosition) {
    return savedPosition
  }
  if (!to.hash || typeof document === 'undefined') {
    return { top: 0 }
  }
  const started = Date.now()
  return new Promise((resolve) => {
    const look = () => {
      if (document.getElementById(decodeURIComponent(to.hash.slice(1)))) {
        resolve({ el: to.hash, top: 16 })
      } else if (Date.now() - started > ANCHOR_WAIT_MS) {
        resolve({ top: 0 })
      } else {
        setTimeout(look, 100)
      }
    }
    look()
  })
}

/**
 * Creates the router. Pages other than the public ones need a signed-in person; anybody else
 * goes to the login page, which returns to the requested page afterwards.
 */
export function createMomentumRouter(history = createWebHistory()) {
  const router = createRouter({ history, routes, scrollBehavior })

  router.beforeEach(async (to) => {
    if (to.meta.public) {
      return true
    }
    const session = useSessionStore()
    if (!session.checked) {
      try {
        await session.loadCurrentUser()
      } catch {
        // The server could not be asked; the login page reports the problem when used.
      }
    }
    if (session.signedIn) {
      return true
    }
    return { name: 'login', query: { redirect: to.fullPath } }
  })

  return router
}
