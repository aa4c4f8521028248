import type { PCandidate } from '../../../common';
import type { ScreeningQuery } from '../../../match';
import type { Ctx } from '../../platform/db';

/**
 * Another registry checked with every screened record, by exact key rather than by name (the registered stolen and
 * lost travel documents). It answers, for each query, the candidates it found (alerts), in the actor's context.
 * Registered by the module that owns the registry, so that screening does not depend on it.
 */
export type RowCheck = (ctx: Ctx, queries: readonly ScreeningQuery[]) => Promise<PCandidate[][]>;

const checks = new Map<string, RowCheck>();

/** Adds (or replaces, by name) a registry every screening also checks. */
export function addRowCheck(name: string, check: RowCheck): void {
  checks.set(name, check);
}

/** The candidates every registered check finds for each query, in the order of the queries. */
export async function runRowChecks(ctx: Ctx, queries: readonly ScreeningQuery[]): Promise<PCandidate[][]> {
  const out: PCandidate[][] = queries.map(() => []);
  for (const check of checks.values()) {
    const found = await check(ctx, queries);
    found.forEach((cs, i) => out[i]!.push(...cs));
  }
  return out;
}
