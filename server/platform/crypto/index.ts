export { loadMasterKey, loadAuditKey, masterKeyById, rotateMasterKeyFile, pruneMasterKeyFile, type MasterKey, type AuditKey } from './keys';
export { seal, unseal, newToken, sha256, safeEqual } from './seal';
export { CHUNK_BYTES, newDataKey, wrapDataKey, unwrapDataKey, rewrapDataKey, encryptChunk, decryptChunk, chunkAad, rechunk, type WrappedKey } from './chunked';
