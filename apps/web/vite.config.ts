/**
 * Vite builds the single-page app into dist, which the server serves on its one port.
 * In development the same paths are proxied to the server, so cookies and the Origin
 * check behave exactly as they do in production (one origin).
 */
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'

const server = 'http://127.0.0.1:3000'

export default defineConfig({
  plugins: [vue()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/api': { target: server },
      '/healthz': { target: server },
      '/collab': { target: server, ws: true },
    },
  },
})
