import { Button, Field, Input, makeStyles, Spinner } from '@fluentui/react-components';
import { PlugConnected20Regular, Person20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Connection } from '../../../../shared/model.js';
import { useOpMutation } from '../../api/hooks.js';
import { connectionReads, isEmail } from './connection-logic.js';
import { Section } from './Section.js';
import { TestResultView } from './TestResultView.js';

const useStyles = makeStyles({
  row: { display: 'flex', gap: '12px', alignItems: 'flex-end', flexWrap: 'wrap' },
  email: { minWidth: '280px' },
});

/** Seed 003's two tests: the connection's own account (general), or acting for one user by e-mail. */
export function ConnectionTestPanel({ connection: c }: { connection: Connection }) {
  const s = useStyles();
  const { t } = useTranslation('connections');
  const [user, setUser] = useState('');
  const test = useOpMutation('connections.test', [...connectionReads]);
  const userOk = isEmail(user);
  const context = test.variables?.user ? t('test.asUserContext', { user: test.variables.user }) : t('test.generalContext');
  return (
    <Section title={t('test.title')} description={t('test.description')}>
      <div className={s.row}>
        <Button appearance="primary" icon={<PlugConnected20Regular />} disabled={test.isPending} onClick={() => test.mutate({ name: c.name })} data-testid="connection-test">
          {t('test.general')}
        </Button>
      </div>
      <div className={s.row}>
        <Field className={s.email} label={t('test.userLabel')} hint={t('test.userHint')} validationMessage={user && !userOk ? t('test.userInvalid') : undefined}>
          <Input type="email" value={user} onChange={(_, d) => setUser(d.value)} data-testid="connection-test-user-email" />
        </Field>
        <Button icon={<Person20Regular />} disabled={!userOk || test.isPending} onClick={() => test.mutate({ name: c.name, user: user.trim() })} data-testid="connection-test-user">
          {t('test.asUser')}
        </Button>
      </div>
      {test.isPending ? <Spinner size="small" label={t('test.running')} /> : null}
      {!test.isPending && (test.data || test.error) ? <TestResultView result={test.data} error={test.error} context={context} testId="connection-test-result" /> : null}
    </Section>
  );
}
