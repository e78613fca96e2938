// Builds the console into web/dist, which `npm start` serves at / and the CDK stack uploads to its bucket.
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [
    preact(),
    // An installable app that opens with no network: a service worker precaches the shell (HTML, scripts, styles, the
    // message files of every language, icons). It caches nothing from /v1: API answers carry restricted fields, and the
    // watch list kept for offline use lives in IndexedDB (web/src/offline/).
    VitePWA({
      injectRegister: false,
      registerType: 'prompt',
      manifest: {
        name: 'Stolen-object registry',
        short_name: 'Registry',
        description: 'Search the registry of stolen cultural objects, keep a watch list and report sightings, with or without a network.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#f3f5f7',
        theme_color: '#0b5cad',
        icons: [
          { src: '/icon.svg', sizes: 'any', type: 'image/svg+xml' },
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{html,js,css,svg,png,webmanifest}'],
        // App routes open index.html from the cache; the API and the local issuer are never answered by the worker.
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/v1\//, /^\/dev\//],
        // A new build waits until every tab of the old one is closed: a page never loses the chunks it was built with.
        clientsClaim: true,
        cleanupOutdatedCaches: true,
        runtimeCaching: [
          // Where the API is and how to sign in, for an app opened offline; no record in it.
          { urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname === '/config.json', handler: 'NetworkFirst', options: { cacheName: 'console-config' } },
        ],
      },
    }),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // The budget is checked by test/unit/web/bundle-budget.test.ts on compressed sizes; this only keeps Vite quiet.
    chunkSizeWarningLimit: 250,
    manifest: true,
  },
  server: {
    // `vite dev` on web/ talks to `npm start`'s API.
    proxy: { '/v1': 'http://127.0.0.1:3000', '/dev': 'http://127.0.0.1:3000' },
  },
});
