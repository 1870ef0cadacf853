export { type SecretStore, secretAccount, secretNameOf, checkConnectionId, checkSecretName, windowsMaxSecretBytes } from './store.js';
export { createKeytarStore, probeAccount, type KeytarModule, type KeytarStoreOptions } from './keytar-store.js';
/** For unit tests of other modules only — product code uses createKeytarStore. */
export { createMemoryStore, type MemorySecretStore } from './memory-store.js';
