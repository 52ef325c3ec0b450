export { apiKeyAuth, type ApiKeyAuthOptions } from './api-key-auth.js';
export { generateKey, hashKey, KEY_PREFIX, keyDisplayPrefix } from './key-hash.js';
export { MAX_CREDENTIAL_LENGTH, readCredential } from './read-credential.js';
