export { type CreatedKey, createKeyService, hashKey, type KeyService } from './key-service.js';
