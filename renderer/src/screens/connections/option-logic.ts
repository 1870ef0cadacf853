import type { OptionField } from '../../../../shared/contract.js';

/**
 * A connection's options as the window edits them (kinds.list describes them per kind as OptionField). Values are
 * strings; an empty text means "not set" (the kind's default applies). `connections.update` merges what it gets
 * into the stored options, so only changed keys are sent.
 */
export type OptionValues = Record<string, string>;

/** What an option is: the value entered (or stored), else its default, else empty. */
export const optionValue = (f: OptionField, values: OptionValues): string => values[f.key] ?? f.default ?? '';

/** A write confirmation (e.g. c-entron's deviceWrite=confirmed): always shown, never under "Advanced options". */
export const isConfirmation = (f: OptionField): boolean => !!f.choices?.includes('confirmed');

/** Whether an option is set to something else than its default (or, without a default, to anything). */
export const optionSet = (f: OptionField, values: OptionValues): boolean => {
  const v = optionValue(f, values).trim();
  return v !== '' && v !== (f.default ?? '');
};

/** The `options` of `connections.create`: only those that differ from their default or are non-empty. */
export function optionsForCreate(fields: readonly OptionField[], values: OptionValues): OptionValues {
  const out: OptionValues = {};
  for (const f of fields) if (optionSet(f, values)) out[f.key] = optionValue(f, values).trim();
  return out;
}

/**
 * Options the admin emptied that had a value and have no default. The service merges options into the stored ones
 * and takes no empty value, so the window cannot remove them (yet): the form says so instead of sending.
 */
export function unclearableOptions(fields: readonly OptionField[], stored: OptionValues, values: OptionValues): string[] {
  return fields.filter((f) => f.default === undefined && optionValue(f, values).trim() === '' && optionValue(f, stored).trim() !== '').map((f) => f.key);
}

/** The `options` of `connections.update`: what changed against what is stored (an emptied option gets its default). */
export function changedOptions(fields: readonly OptionField[], stored: OptionValues, values: OptionValues): OptionValues {
  const out: OptionValues = {};
  const blocked = new Set(unclearableOptions(fields, stored, values));
  for (const f of fields) {
    if (blocked.has(f.key)) continue;
    const before = optionValue(f, stored).trim();
    const now = optionValue(f, values).trim();
    if (now !== before) out[f.key] = now === '' ? (f.default ?? '') : now;
  }
  return out;
}

/** The values of these fields only (a stored connection also has options the window does not show). */
export const pickOptions = (fields: readonly OptionField[], values: OptionValues): OptionValues =>
  Object.fromEntries(fields.filter((f) => values[f.key] !== undefined).map((f) => [f.key, values[f.key]!]));
