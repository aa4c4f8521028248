export { loadMasterKey, loadAuditKey, type MasterKey, type AuditKey } from './keys';
export { seal, unseal, newToken, sha256, safeEqual } from './seal';
