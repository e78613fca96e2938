// Registers the service worker that vite-plugin-pwa builds (web/vite.config.ts), so that the console opens offline.
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  const register = () => void navigator.serviceWorker.register('/sw.js', { scope: '/' });
  // After the page has loaded: installing precaches the whole console and must not compete with the first screen.
  if (document.readyState === 'complete') register();
  else addEventListener('load', register, { once: true });
}
