/**
 * Vite builds the single-page app into dist, which the server serves on its one port.
 * In development the same paths are proxied to the server, so cookies and the Origin
 * check behave exactly as they do in production (one origin).
 *
 * vite-plugin-pwa (Workbox) writes a service worker that precaches the app shell (the HTML,
 * scripts, styles and icon of this build), so the studio opens without a connection; the
 * documents themselves are kept by y-indexeddb. API calls and the collaboration socket are
 * never cached: they go to the network or fail, and the app says it is offline.
 */
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'
import { VitePWA } from 'vite-plugin-pwa'

const server = 'http://127.0.0.1:3000'

export default defineConfig({
  plugins: [
    vue(),
    VitePWA({
      // The page asks before switching to a new version (src/pwa.ts): reloading on its own
      // in the middle of a meeting would pull the text from under someone's caret.
      registerType: 'prompt',
      injectRegister: false,
      manifest: {
        name: 'Working Group Studio',
        short_name: 'Studio',
        description: 'Terms of reference, competency matrix and meeting notes, written together.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#f5f7fa',
        theme_color: '#102a43',
        icons: [{ src: '/favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,webmanifest}'],
        // Every page of the single-page app is index.html, also offline.
        navigateFallback: '/index.html',
        // Downloads (exports, .ics, attachments), the socket and the probes are the server's.
        navigateFallbackDenylist: [/^\/api\//, /^\/collab/, /^\/healthz/, /^\/metrics/, /^\/framework(\/|$)/],
        cleanupOutdatedCaches: true,
        // The first visit's page is served by the new worker at once, so the pages it has
        // not loaded yet (each route is its own chunk) open offline too. Later versions
        // still wait for the member (registerType 'prompt').
        clientsClaim: true,
        // The editor bundle is large; the whole shell must be cached or offline start fails.
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
      },
    }),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/api': { target: server },
      '/framework': { target: server },
      '/healthz': { target: server },
      '/collab': { target: server, ws: true },
    },
  },
})
