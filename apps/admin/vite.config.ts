import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The app talks only to the gateway; in development Vite proxies /graphql, /files and /live to it.
const gateway = process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000';

export default defineConfig({
  plugins: [react()],
  server: { host: '127.0.0.1', proxy: { '/graphql': gateway, '/files': gateway, '/live': gateway } },
  preview: { host: '127.0.0.1', proxy: { '/graphql': gateway, '/files': gateway, '/live': gateway } },
});
