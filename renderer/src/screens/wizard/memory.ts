import { withoutSecrets, type Mode, type WizardState } from './state.js';

/**
 * The wizard's state outlives a visit to another screen (for this window's lifetime, in memory only and never
 * with a typed secret), so an admin who looks something up in Connections comes back to where they were.
 */
const kept = new Map<Mode, WizardState>();

export const recall = (mode: Mode): WizardState | undefined => kept.get(mode);
/** Keeps the state for the next visit; a finished wizard is forgotten instead. */
export const remember = (state: WizardState): void => void (state.finished ? kept.delete(state.mode) : kept.set(state.mode, withoutSecrets(state)));
export const forget = (mode: Mode): void => void kept.delete(mode);
/** For tests: every wizard starts fresh. */
export const forgetAll = (): void => kept.clear();
