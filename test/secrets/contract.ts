import { describe, expect, it } from 'vitest';
import type { SecretStore } from '../../main/secrets/index.js';
import { isFerryError } from '../../shared/errors.js';

async function expectCategory(p: Promise<unknown>, category: string): Promise<void> {
  await expect(p).rejects.toSatisfy((e: unknown) => isFerryError(e) && e.category === category && e.hint.length > 0);
}

/** The behaviour every SecretStore has: the keychain store against a real keyring, the memory store for other modules' tests. */
export function secretStoreContract(name: string, makeStore: () => SecretStore): void {
  describe(`${name}: SecretStore contract`, () => {
    it('stores, reads and overwrites a secret; an unset one reads as null', async () => {
      const store = makeStore();
      expect(await store.get('con_a', 'password')).toBeNull();
      await store.set('con_a', 'password', 'first');
      expect(await store.get('con_a', 'password')).toBe('first');
      await store.set('con_a', 'password', 'second');
      expect(await store.get('con_a', 'password')).toBe('second');
      expect(await store.get('con_a', 'apiKey')).toBeNull();
      expect(await store.get('con_b', 'password')).toBeNull();
    });

    it('keeps values exactly: unicode, spaces, quotes, long tokens', async () => {
      const store = makeStore();
      const values = ['pässwörd €uro ✓', ' leading and trailing ', 'quote"s \'and\' back\\slash', 'x'.repeat(2000)];
      for (const [i, v] of values.entries()) await store.set('con_v', `s${i}`, v);
      for (const [i, v] of values.entries()) expect(await store.get('con_v', `s${i}`)).toBe(v);
    });

    it('lists names only, sorted, of this connection only', async () => {
      const store = makeStore();
      await store.set('con_1', 'password', 'p1');
      await store.set('con_1', 'apiKey', 'k1');
      await store.set('con_10', 'password', 'p10'); // shares a prefix with con_1
      await store.set('con_1x', 'token', 't');
      const names = await store.list('con_1');
      expect(names).toEqual(['apiKey', 'password']);
      expect(await store.list('con_10')).toEqual(['password']);
      expect(await store.list('con_none')).toEqual([]);
    });

    it('deletes one secret; deleting an unset secret is fine', async () => {
      const store = makeStore();
      await store.set('con_d', 'password', 'p');
      await store.set('con_d', 'apiKey', 'k');
      await store.delete('con_d', 'password');
      expect(await store.get('con_d', 'password')).toBeNull();
      expect(await store.get('con_d', 'apiKey')).toBe('k');
      await store.delete('con_d', 'password');
      await store.delete('con_never', 'password');
      expect(await store.list('con_d')).toEqual(['apiKey']);
    });

    it('deleteAll removes every secret of the connection and nothing else', async () => {
      const store = makeStore();
      await store.set('con_x', 'password', 'p');
      await store.set('con_x', 'refreshToken', 'r');
      await store.set('con_xy', 'password', 'keep');
      await store.deleteAll('con_x');
      expect(await store.list('con_x')).toEqual([]);
      expect(await store.get('con_x', 'refreshToken')).toBeNull();
      expect(await store.get('con_xy', 'password')).toBe('keep');
      await store.deleteAll('con_x'); // nothing left: still fine
    });

    it('refuses ids, names and values the keychain account format cannot carry', async () => {
      const store = makeStore();
      await expectCategory(store.set('con/1', 'password', 'x'), 'input');
      await expectCategory(store.get('', 'password'), 'input');
      await expectCategory(store.get('con 1', 'password'), 'input');
      await expectCategory(store.set('con_1', 'pass/word', 'x'), 'input');
      await expectCategory(store.set('con_1', '', 'x'), 'input');
      await expectCategory(store.set('con_1', 'password', ''), 'input');
      await expectCategory(store.list('a/b'), 'input');
      await expectCategory(store.deleteAll(''), 'input');
    });
  });
}
