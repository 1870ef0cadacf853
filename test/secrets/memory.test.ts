import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../main/secrets/index.js';
import { isFerryError } from '../../shared/errors.js';
import { secretStoreContract } from './contract.js';

secretStoreContract('memory store', () => createMemoryStore());

describe('createMemoryStore (for other modules’ tests)', () => {
  it('starts from initial secrets and can simulate a locked keychain', async () => {
    const store = createMemoryStore({ con_1: { password: 'p' } });
    expect(await store.get('con_1', 'password')).toBe('p');
    store.lock();
    for (const op of [() => store.get('con_1', 'password'), () => store.list('con_1'), () => store.set('con_1', 'x', 'y'), () => store.delete('con_1', 'password'), () => store.deleteAll('con_1')]) {
      await expect(op()).rejects.toSatisfy((e: unknown) => isFerryError(e) && e.category === 'needs-credentials');
    }
    store.unlock();
    expect(await store.list('con_1')).toEqual(['password']);
  });

  it('applies the Windows Credential Manager size limit like the keychain store', async () => {
    const store = createMemoryStore({}, 'win32');
    await expect(store.set('con_1', 'token', 'x'.repeat(2561))).rejects.toSatisfy((e: unknown) => isFerryError(e) && e.category === 'input');
    await store.set('con_1', 'token', 'é'.repeat(1280)); // 2560 bytes
  });
});
