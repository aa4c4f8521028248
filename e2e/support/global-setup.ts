import type { TestProject } from 'vitest/node';
import { DEMO_PASSWORD, startServer } from './server';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    demoPassword: string;
  }
}

/** One Tansiq server, fresh data, for the whole browser-test run. */
export default async function setup(project: TestProject) {
  // While developing, TANSIQ_E2E_BASE_URL points the tests at a server already running with the same demo password.
  const external = process.env.TANSIQ_E2E_BASE_URL;
  if (external) {
    project.provide('baseUrl', external.replace(/\/$/, ''));
    project.provide('demoPassword', process.env.TANSIQ_DEMO_PASSWORD ?? DEMO_PASSWORD);
    return async () => undefined;
  }
  const server = await startServer();
  project.provide('baseUrl', server.baseUrl);
  project.provide('demoPassword', DEMO_PASSWORD);
  return async () => {
    await server.stop();
  };
}
