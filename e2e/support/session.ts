import { afterAll, inject } from 'vitest';
import type { Page } from 'playwright-core';
import { login } from './app';
import { openBrowser, type Browser } from './browser';

/**
 * The browsers of one test file, each signed in as a demo user (the demo password of the run), all closed after the
 * file (or the describe block it is called in). `browsers` keeps them in the order opened.
 */
export function demoSessions(): { browsers: Browser[]; signIn: (email: string) => Promise<Page> } {
  const browsers: Browser[] = [];
  afterAll(async () => {
    for (const b of browsers) await b.close();
  });
  return {
    browsers,
    async signIn(email: string): Promise<Page> {
      const b = await openBrowser();
      browsers.push(b);
      await login(b.page, inject('baseUrl'), email, inject('demoPassword'));
      return b.page;
    },
  };
}
