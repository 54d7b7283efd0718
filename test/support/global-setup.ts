import type { TestProject } from 'vitest/node';
import { pgUnavailableReason, startPgCluster } from './pg-cluster.ts';

declare module 'vitest' {
  // oxlint-disable-next-line typescript/consistent-type-definitions -- augmenting vitest's interface needs an interface
  export interface ProvidedContext {
    /** Admin URL of a PostgreSQL server for the run, or '' when none could be had. */
    pgAdminUrl: string;
    pgUnavailable: string;
  }
}

/**
 * Every integration suite runs on PGlite and on a real PostgreSQL. Use the server named by
 * PACKLINE_TEST_DATABASE_URL, or start a throwaway cluster for the run.
 */
export async function setup(project: TestProject): Promise<() => void> {
  const given = process.env.PACKLINE_TEST_DATABASE_URL;
  if (given) {
    project.provide('pgAdminUrl', given);
    project.provide('pgUnavailable', '');
    return () => {};
  }
  const reason = pgUnavailableReason();
  if (reason !== null) {
    if (process.env.CI) throw new Error(`CI needs PostgreSQL for the integration tests: ${reason}`);
    console.warn(`PostgreSQL tests will be skipped: ${reason}`);
    project.provide('pgAdminUrl', '');
    project.provide('pgUnavailable', reason);
    return () => {};
  }
  const cluster = await startPgCluster();
  project.provide('pgAdminUrl', cluster.url);
  project.provide('pgUnavailable', '');
  return () => cluster.stop();
}
