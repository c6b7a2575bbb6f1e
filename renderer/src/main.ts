import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { i18n } from './i18n';
import { useAppStore } from './stores/app';
import './styles/theme.css';
import './styles/tones.css';
import './styles/base.css';

// Marks the moment the renderer's own code starts, for the renderer benchmark's first-render figure.
performance.mark('hubkeeper:start');
const app = createApp(App);
app.use(createPinia());
app.use(i18n);
app.mount('#app');
// Subscriptions start after mount (Pinia must be installed first; the shell shows at once).
void useAppStore().start();
