// @vitest-environment jsdom
// The wizard's "what to gather" checklist in the window's language, from the backend's kinds.
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Kind } from '../../shared/contract.js';
import { cardDavFactory } from '../../main/connectors/carddav/index.js';
import { NeedsChecklist } from '../../renderer/src/screens/wizard/steps/NeedsChecklist.js';
import { resources } from '../../renderer/src/i18n/resources.js';
import { fakeBridge, renderWithApp } from './render.js';

afterEach(cleanup);

const carddav: Kind = { kind: cardDavFactory.kind, label: cardDavFactory.label, needs: [...cardDavFactory.needs], secretNames: ['password'], entities: [], options: [], users: 'per-user' };
const de = resources.de.wizard.kinds.carddav;

const items = () => screen.getAllByRole('checkbox').map((c) => c.closest('li')?.textContent ?? '');
const show = (kind: Kind, lang: 'de' | 'en') => renderWithApp(<NeedsChecklist kind={kind} ticked={[]} onChange={() => undefined} />, fakeBridge({}), lang);

describe('NeedsChecklist: the kind\'s needs in the window\'s language', () => {
  it('shows the German texts of a kind, its label in the title', () => {
    show(carddav, 'de');
    expect(items()).toEqual([...de.needs]);
    expect(screen.getByRole('heading').textContent).toBe(`Das brauchen Sie für ${de.label}`);
  });

  it('shows the backend\'s texts in English', () => {
    show(carddav, 'en');
    expect(items()).toEqual(carddav.needs);
    expect(screen.getByRole('heading').textContent).toBe('Have this ready for CardDAV address book');
  });

  it('shows the backend\'s text for a need whose translation is not of this text, and for a kind without texts', () => {
    const changed = { ...carddav, needs: ['A new first need', ...carddav.needs.slice(1)] };
    show(changed, 'de');
    expect(items()).toEqual(['A new first need', ...de.needs.slice(1)]);
    cleanup();
    show({ ...carddav, kind: 'riverbird', label: 'Riverbird', needs: ['The Riverbird API key'] }, 'de');
    expect(items()).toEqual(['The Riverbird API key']);
    expect(screen.getByRole('heading').textContent).toBe('Das brauchen Sie für Riverbird');
  });
});
