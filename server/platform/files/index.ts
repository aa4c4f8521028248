export { INTERRUPTED_UPLOAD_MS, storeEncryptedFile, readEncryptedFile, isTooLarge, tooLargeError, type EncryptedFileTables, type StoredFile, type SealedFile } from './store';
export { multipartFile, contentDisposition } from './http';
export type { EncryptedFileColumns, EncryptedChunkColumns } from './columns';
