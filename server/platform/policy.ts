import { permissionsOf, type Permission } from '../../common';
import type { Actor } from './db';

/** A rule's building block: does this actor, on this record, satisfy it? */
export type Predicate<R> = (actor: Actor, record: R) => boolean;

export const allow = <R>(...preds: Predicate<R>[]): Predicate<R> => (a, r) => preds.every((p) => p(a, r));
export const anyOf = <R>(...preds: Predicate<R>[]): Predicate<R> => (a, r) => preds.some((p) => p(a, r));
export const not = <R>(pred: Predicate<R>): Predicate<R> => (a, r) => !pred(a, r);
export const has = <R>(permission: Permission): Predicate<R> => (a) => permissionsOf(a.roles).has(permission);
export const ownAgency = <R extends { agencyId: string }>(): Predicate<R> => (a, r) => a.agencyId !== null && a.agencyId === r.agencyId;
export const isSelf = <R extends { id: string }>(): Predicate<R> => (a, r) => a.userId !== null && a.userId === r.id;
export const signedIn = <R>(): Predicate<R> => (a) => a.userId !== null;

/**
 * A policy: named abilities, each a declared rule. The server answers `can` before acting and presents
 * `abilities` with each record so the web app never re-derives a rule.
 */
export interface Policy<R, A extends string> {
  can(actor: Actor, ability: A, record: R): boolean;
  abilities(actor: Actor, record: R): Record<A, boolean>;
}

export function definePolicy<R, A extends string>(rules: Record<A, Predicate<R>>): Policy<R, A> {
  return {
    can: (actor, ability, record) => rules[ability](actor, record),
    abilities: (actor, record) => {
      const out = {} as Record<A, boolean>;
      for (const k of Object.keys(rules) as A[]) out[k] = rules[k](actor, record);
      return out;
    },
  };
}
