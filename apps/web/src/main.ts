/**
 * Starts the web app: Pinia first, because the router's guard reads the session store;
 * then the service worker that lets the studio open offline.
 */
import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { registerServiceWorker } from './pwa.ts'
import { router } from './router.ts'
import './styles/base.css'

const app = createApp(App)
const pinia = createPinia()
app.use(pinia)
app.use(router)
app.mount('#app')
registerServiceWorker(pinia)
