import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * Brotli and gzip copies beside each text file of the build, served by the server instead of the original when the
 * browser accepts them (@fastify/static preCompressed): a border post on a slow link downloads about a quarter.
 */
function precompress(): Plugin {
  return {
    name: 'tansiq-precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      for (const name of Object.keys(bundle)) {
        if (!/\.(js|css|html|svg|json)$/.test(name) || !options.dir) continue;
        const path = join(options.dir, name);
        const data = readFileSync(path);
        if (data.length < 1024) continue;
        writeFileSync(`${path}.br`, brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } }));
        writeFileSync(`${path}.gz`, gzipSync(data, { level: 9 }));
      }
    },
  };
}

export default defineConfig(({ command }) => ({
  root,
  plugins: [react(), precompress()],
  // A build is always the production bundle, even when started from a test runner that sets NODE_ENV=test.
  define: command === 'build' ? { 'process.env.NODE_ENV': JSON.stringify('production') } : {},
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    // The server's CSP forbids inline scripts; keep every module an external file.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        // One chunk per interface language (its shared file and every feature's file): fetched only when used.
        codeSplitting: {
          groups: [{ name: (id: string) => { const m = /\/locales\/(?:[^/]+\/)?([a-z]{2})\.json$/.exec(id); return m ? `strings-${m[1]}` : null; } }],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: process.env.TANSIQ_API ?? 'http://localhost:8080', changeOrigin: false } },
  },
}));
