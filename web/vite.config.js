import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

// The server (MOMENTUM_HTTP_PORT, default 8080) serves the API on the same origin in production,
// so `vite dev` forwards the API, the live WebSocket and the health check to a local server.
// MOMENTUM_DEV_SERVER points it at another one, such as the fixture server on port 5174.
const devServer = process.env.MOMENTUM_DEV_SERVER ?? 'http://127.0.0.1:8080'

export default defineConfig({
  plugins: [vue()],
  define: {
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  build: {
    // Maven packages target/classes, and the server serves the classpath folder webroot.
    outDir: 'target/classes/webroot',
    emptyOutDir: true,
    // The chart pages load ECharts on demand as one chunk. Even the smallest modular build
    // (echarts 6.1.0, a line chart on a grid with the SVG renderer) minifies to about 475 kB;
    // the tooltip, legend and mark lines the pages use bring it to about 540 kB.
    chunkSizeWarningLimit: 560,
  },
  server: {
    host: '127.0.0.1',
    proxy: {
      '/api': { target: devServer, ws: true },
      '/health': { target: devServer },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.js'],
  },
})
