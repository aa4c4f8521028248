import { allow, anyOf, definePolicy, has, ownAgency, signedIn, type Predicate } from '../../../platform/policy';

export interface WatchlistRecord {
  scope: 'global' | 'agency';
  /** The owner of an agency list; '' for a global list. */
  agencyId: string;
}

const isGlobal = (): Predicate<WatchlistRecord> => (_a, r) => r.scope === 'global';
const isAgency = (): Predicate<WatchlistRecord> => (_a, r) => r.scope === 'agency';

/**
 * Watchlists: global lists (UN, OFAC …) are screened by everyone and kept by the platform administrator; an
 * agency's own list is seen and kept by that agency only (its administrators import it).
 */
export const watchlistPolicy = definePolicy<WatchlistRecord, 'read' | 'import' | 'update' | 'delete'>({
  read: anyOf(allow(isGlobal(), signedIn()), allow(isAgency(), ownAgency())),
  import: anyOf(allow(isGlobal(), has('watchlist.manage-global')), allow(isAgency(), ownAgency(), has('watchlist.manage-agency'))),
  update: anyOf(allow(isGlobal(), has('watchlist.manage-global')), allow(isAgency(), ownAgency(), has('watchlist.manage-agency'))),
  // Deleting removes every entry from screening at once: the same people who keep the list, nobody else.
  delete: anyOf(allow(isGlobal(), has('watchlist.manage-global')), allow(isAgency(), ownAgency(), has('watchlist.manage-agency'))),
});

/** Whether the actor manages any watchlist (the page and its navigation item). */
export const managesWatchlists = (perms: Set<string>) => perms.has('watchlist.manage-agency') || perms.has('watchlist.manage-global');
