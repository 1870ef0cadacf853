import { describe, expect, it } from 'vitest';
import type { Connection } from '../../shared/model.js';
import { editProblems, editValuesOf, isEmail, updateInput, usedToSync } from '../../renderer/src/screens/connections/connection-logic.js';
import { changedOptions, isConfirmation, optionsForCreate, unclearableOptions } from '../../renderer/src/screens/connections/option-logic.js';
import { centronOptions, centronStoredDefaults } from './wizard-fixtures.js';

const c = { name: 'ERP', url: 'https://erp', username: 'ferry', firstUsedAt: null, options: {} } as unknown as Connection;

describe('connection edit', () => {
  it('sends only what changed; an empty user name means none', () => {
    expect(updateInput(c, editValuesOf(c))).toBeNull();
    expect(updateInput(c, { name: ' ERP2 ', url: 'https://erp', username: '', options: {} })).toEqual({ name: 'ERP', newName: 'ERP2', username: null });
    expect(editProblems({ name: ' ', url: '', username: '' })).toEqual({ name: 'edit.nameRequired', url: 'edit.urlRequired' });
  });

  it('checks e-mail addresses and whether a connection was used', () => {
    expect(isEmail('anna@example.com')).toBe(true);
    expect(isEmail('anna@example')).toBe(false);
    expect(usedToSync(c)).toBe(false);
    expect(usedToSync({ ...c, firstUsedAt: '2025-01-01T00:00:00Z' })).toBe(true);
  });

  it('creates with only the options that differ from their default, and updates only the changed ones', () => {
    expect(optionsForCreate(centronOptions, {})).toEqual({});
    expect(optionsForCreate(centronOptions, { deviceWrite: 'confirmed', ticketWrite: 'off', loginKind: '0', caFile: ' ', pinSha256: ' AB:CD ' })).toEqual({ deviceWrite: 'confirmed', pinSha256: 'AB:CD' });
    // Stored options carry every default (and options the window does not show, such as pageSize).
    const stored = { ...centronStoredDefaults, caFile: 'C:\\ca.pem' };
    expect(changedOptions(centronOptions, stored, { ...stored })).toEqual({});
    expect(changedOptions(centronOptions, stored, { ...stored, ticketWrite: 'confirmed', loginKind: '1' })).toEqual({ ticketWrite: 'confirmed', loginKind: '1' });
    // The service merges options and takes no empty value: an emptied file path is a problem, not an update.
    expect(unclearableOptions(centronOptions, stored, { ...stored, caFile: '' })).toEqual(['caFile']);
    expect(changedOptions(centronOptions, stored, { ...stored, caFile: '' })).toEqual({});
    expect(updateInput({ ...c, options: stored }, { ...editValuesOf({ ...c, options: stored }), options: { ...stored, deviceWrite: 'confirmed' } }, centronOptions)).toEqual({
      name: 'ERP',
      options: { deviceWrite: 'confirmed' },
    });
    // Write confirmations stay in view; the rest is advanced.
    expect(centronOptions.filter(isConfirmation).map((f) => f.key)).toEqual(['deviceWrite', 'ticketWrite']);
  });
});
