import { Button, Field, Input, makeStyles, MessageBar, MessageBarBody } from '@fluentui/react-components';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OptionField } from '../../../../shared/contract.js';
import type { Connection } from '../../../../shared/model.js';
import { useOpMutation } from '../../api/hooks.js';
import { ErrorBox } from '../../components/ErrorBox.js';
import { navigate } from '../../router.js';
import { connectionReads, editProblems, editValuesOf, updateInput, type EditValues } from './connection-logic.js';
import { OptionFields } from './OptionFields.js';
import { unclearableOptions } from './option-logic.js';
import { Section } from './Section.js';

const useStyles = makeStyles({
  form: { display: 'grid', gap: '12px', maxWidth: '560px' },
  actions: { display: 'flex', gap: '8px', alignItems: 'center' },
});

/** Name, address, user name and options of a connection (`connections.update`, only what changed is sent). */
export function ConnectionEditForm({ connection: c, optionFields = [] }: { connection: Connection; optionFields?: readonly OptionField[] }) {
  const s = useStyles();
  const { t } = useTranslation('connections');
  const [values, setValues] = useState<EditValues>(() => editValuesOf(c));
  const [saved, setSaved] = useState(false);
  const update = useOpMutation('connections.update', [...connectionReads]);
  const problems = editProblems(values);
  const uncleared = unclearableOptions(optionFields, c.options, values.options);
  const input = updateInput(c, values, optionFields);
  const invalid = Object.keys(problems).length > 0 || uncleared.length > 0;
  const set = (k: 'name' | 'url' | 'username') => (_: unknown, d: { value: string }) => {
    setSaved(false);
    setValues((v) => ({ ...v, [k]: d.value }));
  };
  const setOption = (key: string, value: string) => {
    setSaved(false);
    setValues((v) => ({ ...v, options: { ...v.options, [key]: value } }));
  };
  const save = () => {
    if (!input || invalid) return;
    update.mutate(input, {
      onSuccess: (next) => {
        setSaved(true);
        setValues(editValuesOf(next));
        if (next.name !== c.name) navigate('connections', next.name);
      },
    });
  };
  const msg = (k: 'name' | 'url') => (problems[k] ? t(problems[k]) : undefined);
  return (
    <Section title={t('edit.title')} description={t('edit.description')}>
      <form
        className={s.form}
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <Field label={t('edit.name')} required validationMessage={msg('name')}>
          <Input value={values.name} onChange={set('name')} data-testid="connection-edit-name" />
        </Field>
        <Field label={t('edit.url')} required validationMessage={msg('url')} hint={t('edit.urlHint')}>
          <Input value={values.url} onChange={set('url')} type="url" data-testid="connection-edit-url" />
        </Field>
        <Field label={t('edit.username')}>
          <Input value={values.username} onChange={set('username')} autoComplete="off" data-testid="connection-edit-username" />
        </Field>
        <OptionFields kind={c.kind} fields={optionFields} values={values.options} onChange={setOption} problems={Object.fromEntries(uncleared.map((k) => [k, t('options.cannotClear')]))} />
        <div className={s.actions}>
          <Button type="submit" appearance="primary" disabled={!input || invalid || update.isPending} data-testid="connection-edit-save">
            {t('common:actions.save')}
          </Button>
          {input ? (
            <Button
              onClick={() => {
                setValues(editValuesOf(c));
                update.reset();
              }}
            >
              {t('edit.undo')}
            </Button>
          ) : null}
        </div>
        {saved ? (
          <MessageBar intent="success" layout="singleline" data-testid="connection-edit-saved">
            <MessageBarBody>{t('common:state.saved')}</MessageBarBody>
          </MessageBar>
        ) : null}
        {update.error ? <ErrorBox error={update.error} testId="connection-edit-error" /> : null}
      </form>
    </Section>
  );
}
