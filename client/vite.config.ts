// Vite for the SolidJS client. `npm run dev:client` proxies /graphql (HTTP and WebSocket) and the
// payment and Connect simulators to the API on API_URL (default http://localhost:4000).
import { defineConfig } from "vite";
import solid from "vite-plugin-solid";

const api = process.env.API_URL ?? "http://localhost:4000";

export default defineConfig({
  root: import.meta.dirname,
  plugins: [solid()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    reportCompressedSize: false,
    // client/scripts/check-size.ts reads it to measure the first page.
    manifest: true,
  },
  server: {
    port: 5173,
    proxy: {
      "/graphql": { target: api, ws: true, changeOrigin: true },
      "/pay": { target: api, changeOrigin: true },
      // The Stripe Connect onboarding simulator (no Stripe keys).
      "/connect/": { target: api, changeOrigin: true },
    },
  },
});
