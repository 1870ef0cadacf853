import { Field, Input, makeStyles, MessageBar, MessageBarBody } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { ENTITIES } from '../entities.js';
import { childrenWithoutCustomer } from '../flows.js';
import { kindOf, pipelineNameProblem, sideName } from '../derive.js';
import type { StepProps } from '../types.js';
import { ActForUsers } from './ActForUsers.js';
import { EntityFlowEditor } from './EntityFlowEditor.js';

const useStyles = makeStyles({ root: { display: 'flex', flexDirection: 'column', gap: '12px' }, name: { maxWidth: '480px' } });

/** Step 7: what flows where, per entity, whether for each user, and the pipeline's name. */
export function FlowsStep({ state, dispatch }: StepProps) {
  const s = useStyles();
  const { t } = useTranslation('wizard');
  const flows = state.pipeline.flows;
  if (!flows) return null;
  const left = kindOf(state, 'left');
  const right = kindOf(state, 'right');
  const names = { left: sideName(state, 'left'), right: sideName(state, 'right') };
  const orphans = childrenWithoutCustomer(flows, left, right);
  const nameProblem = pipelineNameProblem(state);
  return (
    <div className={s.root}>
      {orphans.length ? (
        <MessageBar intent="warning" layout="multiline" data-testid="flows-needs-customer">
          <MessageBarBody>{t('flows.needsCustomer', { entities: orphans.map((e) => t(`common:entity.${e}`)).join(', ') })}</MessageBarBody>
        </MessageBar>
      ) : null}
      {ENTITIES.map((entity) => (
        <EntityFlowEditor key={entity} entity={entity} flow={flows[entity]} left={left} right={right} names={names} onChange={(patch) => dispatch({ type: 'flow', entity, patch })} />
      ))}
      <ActForUsers state={state} dispatch={dispatch} />
      <Field
        className={s.name}
        label={t('flows.pipelineName')}
        hint={t('flows.pipelineNameHint')}
        required
        validationState={nameProblem ? 'error' : 'none'}
        validationMessage={nameProblem ? t(nameProblem === 'name.taken' ? 'problem.pipelineTaken' : `problem.${nameProblem}`, { name: state.pipeline.name.trim() }) : undefined}
      >
        <Input value={state.pipeline.name} onChange={(_, d) => dispatch({ type: 'pipelineName', name: d.value })} />
      </Field>
    </div>
  );
}
