// What other modules may use from storage: the blob store (photos, customer media) and its URLs.
export { createStorage, fromStore, type Storage, type StorageStatus } from './storage.ts';
export { companyPrefix, isValidKey, type Blob, type BlobStore } from './blob-store.ts';
export { createLocalBlobStore } from './local-blob-store.ts';
export { createS3BlobStore, type S3Settings } from './s3-blob-store.ts';
export { storageEnvSchema, type StorageSettings } from './storage.config.ts';
export { createPublicMediaRouter } from './media.routes.ts';
export { readUpload, type Upload } from './read-upload.ts';
