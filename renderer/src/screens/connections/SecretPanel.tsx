import { Badge, Button, Dropdown, Field, Input, makeStyles, Option, Spinner, Text } from '@fluentui/react-components';
import { KeyReset20Regular } from '@fluentui/react-icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Connection, TestResult } from '../../../../shared/model.js';
import { toApiError, type ApiError } from '../../api/client.js';
import { useApi } from '../../api/context.js';
import { connectionReads } from './connection-logic.js';
import { Section } from './Section.js';
import { TestResultView } from './TestResultView.js';

const useStyles = makeStyles({
  row: { display: 'flex', gap: '12px', alignItems: 'flex-end', flexWrap: 'wrap' },
  field: { minWidth: '280px' },
  state: { display: 'flex', gap: '8px', alignItems: 'center' },
});

const stateColor = { set: 'success', 'not-set': 'warning', unreadable: 'danger' } as const;

/**
 * "Update password / re-validate" (seed 003): the new secret goes to the keychain (`connections.setSecret`),
 * then the connection is tested again. The secret is never shown, only whether one is set.
 */
export function SecretPanel({ connection: c, secretNames }: { connection: Connection; secretNames: string[] }) {
  const s = useStyles();
  const { t } = useTranslation('connections');
  const api = useApi();
  const qc = useQueryClient();
  const [secret, setSecret] = useState('');
  const [secretName, setSecretName] = useState<string | undefined>(secretNames.length > 1 ? secretNames[0] : undefined);
  const revalidate = useMutation<TestResult, ApiError, { secret: string; secretName: string | undefined }>({
    mutationFn: async (v) => {
      try {
        await api['connections.setSecret']({ name: c.name, secret: v.secret, ...(v.secretName ? { secretName: v.secretName } : {}) });
        setSecret('');
        return await api['connections.test']({ name: c.name });
      } catch (e) {
        throw toApiError(e);
      }
    },
    onSettled: () => {
      for (const k of connectionReads) void qc.invalidateQueries({ queryKey: [k] });
    },
  });
  return (
    <Section title={t('secret.title')} description={t('secret.description')}>
      <div className={s.state} data-testid="connection-secret-state" data-state={c.secret}>
        <Text>{t('secret.current')}</Text>
        <Badge appearance="tint" color={stateColor[c.secret]}>
          {t(`secret.state.${c.secret}`)}
        </Badge>
      </div>
      <form
        className={s.row}
        onSubmit={(e) => {
          e.preventDefault();
          if (secret) revalidate.mutate({ secret, secretName });
        }}
      >
        {secretNames.length > 1 ? (
          <Field label={t('secret.which')}>
            <Dropdown value={secretName ?? ''} selectedOptions={secretName ? [secretName] : []} onOptionSelect={(_, d) => setSecretName(d.optionValue)}>
              {secretNames.map((n) => (
                <Option key={n} value={n}>
                  {n}
                </Option>
              ))}
            </Dropdown>
          </Field>
        ) : null}
        <Field className={s.field} label={t('secret.new')}>
          <Input type="password" value={secret} onChange={(_, d) => setSecret(d.value)} autoComplete="new-password" data-testid="connection-secret-input" />
        </Field>
        <Button type="submit" appearance="primary" icon={<KeyReset20Regular />} disabled={!secret || revalidate.isPending} data-testid="connection-secret-save">
          {t('secret.save')}
        </Button>
      </form>
      {revalidate.isPending ? <Spinner size="small" label={t('secret.saving')} /> : null}
      {!revalidate.isPending && (revalidate.data || revalidate.error) ? <TestResultView result={revalidate.data} error={revalidate.error} context={revalidate.data ? t('secret.tested') : undefined} testId="connection-revalidate-result" /> : null}
    </Section>
  );
}
