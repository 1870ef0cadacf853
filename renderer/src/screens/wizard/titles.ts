import type { TFunction } from 'i18next';
import type { StepRef, WizardState } from './state.js';

/** "Test the connection", or "Second system: Test the connection" where the wizard sets up two. */
export function stepTitle(t: TFunction, state: WizardState, step: StepRef): string {
  const title = t(`wizard:steps.${step.id}`);
  if (!step.side || state.mode === 'connection') return title;
  return t('wizard:sideTitle', { side: t(`wizard:side.${step.side}`), title });
}
