import { Field, Input, makeStyles, Subtitle2 } from '@fluentui/react-components';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OptionFields } from '../../connections/OptionFields.js';
import { accountNameProblem, accountOptionProblems, accountUrlProblem, optionFieldsOf } from '../derive.js';
import type { SideStepProps } from '../types.js';
import { useKindText } from '../../../components/useKindText.js';

const useStyles = makeStyles({ root: { display: 'flex', flexDirection: 'column', gap: '12px', maxWidth: '640px' }, options: { marginTop: '8px', marginBottom: 0 } });

/** Step 2: name (the kind's label to start with), URL (checked as typed), user name and the kind's options. */
export function AccountStep({ state, dispatch, side }: SideStepProps) {
  const s = useStyles();
  const { t } = useTranslation('wizard');
  const v = state[side];
  const [touched, setTouched] = useState({ name: false, url: false });
  const nameProblem = accountNameProblem(state, side);
  const urlProblem = accountUrlProblem(state, side);
  const showName = nameProblem && (touched.name || v.nameEdited || nameProblem === 'name.taken');
  const showUrl = urlProblem && (touched.url || v.url.trim() !== '');
  const kind = state.kinds.find((k) => k.kind === v.kind);
  const kt = useKindText();
  const kindLabel = kind ? kt.label(kind.kind, kind.label) : '';
  const fields = optionFieldsOf(state, side);
  const optionProblems = Object.fromEntries(accountOptionProblems(state, side).map((k) => [k, t('connections:options.cannotClear')]));
  return (
    <div className={s.root}>
      <Field label={t('account.name')} hint={t('account.nameHint')} required validationState={showName ? 'error' : 'none'} validationMessage={showName ? t(`problem.${nameProblem}`, { name: v.name.trim() }) : undefined}>
        <Input value={v.name} onChange={(_, d) => dispatch({ type: 'side', side, patch: { name: d.value } })} onBlur={() => setTouched((x) => ({ ...x, name: true }))} />
      </Field>
      <Field
        label={t('account.url')}
        hint={t('account.urlHint', { system: kindLabel })}
        required
        validationState={showUrl ? 'error' : 'none'}
        validationMessage={showUrl ? t(`problem.${urlProblem}`) : undefined}
      >
        <Input type="url" inputMode="url" placeholder="https://" value={v.url} onChange={(_, d) => dispatch({ type: 'side', side, patch: { url: d.value } })} onBlur={() => setTouched((x) => ({ ...x, url: true }))} />
      </Field>
      <Field label={t('account.username')} hint={t('account.usernameHint')}>
        <Input autoComplete="off" value={v.username} onChange={(_, d) => dispatch({ type: 'side', side, patch: { username: d.value } })} />
      </Field>
      {fields.length > 0 && v.kind ? (
        <>
          <Subtitle2 as="h3" className={s.options}>
            {t('account.options', { system: kindLabel })}
          </Subtitle2>
          <OptionFields kind={v.kind} fields={fields} values={v.options} problems={optionProblems} onChange={(key, value) => dispatch({ type: 'option', side, key, value })} />
        </>
      ) : null}
    </div>
  );
}
