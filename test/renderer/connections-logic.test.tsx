import { describe, expect, it } from 'vitest';
import type { Connection } from '../../shared/model.js';
import { editProblems, editValuesOf, isEmail, updateInput, usedToSync } from '../../renderer/src/screens/connections/connection-logic.js';

const c = { name: 'ERP', url: 'https://erp', username: 'ferry', firstUsedAt: null } as Connection;

describe('connection edit', () => {
  it('sends only what changed; an empty user name means none', () => {
    expect(updateInput(c, editValuesOf(c))).toBeNull();
    expect(updateInput(c, { name: ' ERP2 ', url: 'https://erp', username: '' })).toEqual({ name: 'ERP', newName: 'ERP2', username: null });
    expect(editProblems({ name: ' ', url: '', username: '' })).toEqual({ name: 'edit.nameRequired', url: 'edit.urlRequired' });
  });

  it('checks e-mail addresses and whether a connection was used', () => {
    expect(isEmail('anna@example.com')).toBe(true);
    expect(isEmail('anna@example')).toBe(false);
    expect(usedToSync(c)).toBe(false);
    expect(usedToSync({ ...c, firstUsedAt: '2025-01-01T00:00:00Z' })).toBe(true);
  });
});
