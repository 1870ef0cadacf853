import type { Dispatch } from 'react';
import type { WizardAction } from './reducer.js';
import type { Side, WizardState } from './state.js';

/** What every step gets: the one state object and the reducer's dispatch. */
export interface StepProps {
  state: WizardState;
  dispatch: Dispatch<WizardAction>;
}
export interface SideStepProps extends StepProps {
  side: Side;
}
