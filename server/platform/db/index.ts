export { openDatabase, type Database, type OpenOptions } from './database';
export { migrate, MIGRATIONS_DIR } from './migrate';
export { withActor, unsafeWithOwner, ANONYMOUS, type Actor, type Ctx, type AuditInput } from './scoped';
export { likeLiteral } from './like';
export type { DB } from './schema';
