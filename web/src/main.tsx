import '@mantine/core/styles.css';
import './global.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { i18nReady } from './i18n';

function render(): void {
  const root = document.getElementById('root');
  if (!root) return;
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

// The first screen waits for its language's strings (one small request); if they cannot be fetched the app still
// starts, showing the English fallback or the keys, rather than a blank page.
void i18nReady.then(render, (err: unknown) => {
  console.error(err);
  render();
});
