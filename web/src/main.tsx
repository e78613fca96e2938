// Starts the console: configuration, language and session, then the screens.
import { render } from 'preact';
import { Console } from './console.tsx';
import { loadConfig } from './config.ts';
import { initialLocale, loadMessages, rememberLocale } from './i18n/i18n.ts';
import { registerServiceWorker } from './offline/service-worker.ts';
import './styles.css';

const config = await loadConfig();
const locale = initialLocale();
const messages = await loadMessages(locale);
rememberLocale(locale);
// Only the built console (npm start, the deployed site) works offline; `vite dev` serves modules the worker cannot list.
if (import.meta.env.PROD) registerServiceWorker();
render(<Console config={config} initial={{ locale, messages }} />, document.getElementById('app')!);
