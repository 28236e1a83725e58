import { defineConfig, searchForWorkspaceRoot } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';

// Colours shared with src/app.css and scripts/make-icons.mjs.
const THEME = '#12436d';
const BACKGROUND = '#ffffff';

// `npm run dev` proxies GraphQL to a local `rjhub serve` (default bind 127.0.0.1:8080).
const devServer = process.env.RJHUB_DEV_SERVER ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [
    svelte(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      // Registered from src/lib/pwa.ts through `virtual:pwa-register`: the CSP forbids inline scripts.
      injectRegister: false,
      registerType: 'prompt',
      includeAssets: ['favicon.ico', 'favicon.svg', 'icons/apple-touch-icon.png'],
      manifest: {
        id: '/',
        name: 'RJ Hub',
        short_name: 'RJ Hub',
        description: 'Case work for the restorative justice service',
        lang: 'en-GB',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        theme_color: THEME,
        background_color: BACKGROUND,
        categories: ['productivity', 'government'],
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          {
            src: '/icons/icon-maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
        ],
      },
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,svg,png,ico,webmanifest}'],
        // The maskable/large icons are only for the installer; keep the precache lean.
        globIgnores: ['icons/icon-512.png', 'icons/icon-maskable-512.png'],
      },
      devOptions: { enabled: false },
    }),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    cssCodeSplit: true,
    // Keep every asset a file: the CSP allows `img-src 'self' data:` but not inline styles or scripts.
    assetsInlineLimit: 0,
  },
  server: {
    // The public pages' languages live in the repository's locales/ (shared with the server).
    fs: { allow: [searchForWorkspaceRoot(process.cwd()), '../locales'] },
    proxy: {
      '/graphql': { target: devServer, changeOrigin: false },
      '/healthz': devServer,
      '/readyz': devServer,
      '/auth': devServer,
    },
  },
});
