import { AccountStep } from './steps/AccountStep.js';
import { ActivateStep } from './steps/ActivateStep.js';
import { FlowsStep } from './steps/FlowsStep.js';
import { PreflightStep } from './steps/PreflightStep.js';
import { ReviewStep } from './steps/ReviewStep.js';
import { ScheduleStep } from './steps/ScheduleStep.js';
import { SecretStep } from './steps/SecretStep.js';
import { SystemStep } from './steps/SystemStep.js';
import { TestStep } from './steps/TestStep.js';
import { UniquenessStep } from './steps/UniquenessStep.js';
import type { StepProps } from './types.js';

/** The current step's form. */
export function StepContent({ state, dispatch }: StepProps) {
  const { id, side } = state.step;
  if (side) {
    const props = { state, dispatch, side };
    switch (id) {
      case 'system':
        return <SystemStep {...props} />;
      case 'account':
        return <AccountStep {...props} />;
      case 'secret':
        return <SecretStep {...props} />;
      case 'test':
        return <TestStep {...props} />;
      case 'preflight':
        return <PreflightStep {...props} />;
      default:
        return null;
    }
  }
  switch (id) {
    case 'flows':
      return <FlowsStep state={state} dispatch={dispatch} />;
    case 'uniqueness':
      return <UniquenessStep state={state} dispatch={dispatch} />;
    case 'schedule':
      return <ScheduleStep state={state} dispatch={dispatch} />;
    case 'review':
      return <ReviewStep state={state} dispatch={dispatch} />;
    case 'activate':
      return <ActivateStep state={state} dispatch={dispatch} />;
    default:
      return null;
  }
}
