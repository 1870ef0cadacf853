import { Button, Label, Link, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Text, tokens, useId } from '@fluentui/react-components';
import { ArrowDownload20Regular, ArrowUpload20Regular } from '@fluentui/react-icons';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';
import { useOpMutation } from '../../api/hooks.js';
import { ErrorBox } from '../../components/ErrorBox.js';
import { href } from '../../router.js';
import { Section } from '../connections/Section.js';
import { downloadText } from './download.js';
import { describeConfig, importProblems } from './settings-form.js';

const useStyles = makeStyles({
  row: { display: 'flex', gap: '12px', alignItems: 'center', flexWrap: 'wrap' },
  file: { display: 'grid', gap: '4px' },
  problems: { margin: '4px 0 0', paddingLeft: '20px' },
  path: { fontFamily: tokens.fontFamilyMonospace },
  list: { margin: 0, paddingLeft: '20px' },
});

/**
 * Export the whole configuration (without secrets) as ferry-config.json, and import one: all or nothing; a
 * rejected file lists every problem by path, an accepted one says what was created and which passwords to enter.
 */
export function ConfigTransfer({ onImported }: { onImported?: () => void }) {
  const s = useStyles();
  const { t } = useTranslation('settings');
  const qc = useQueryClient();
  const fileId = useId('config-file');
  const exp = useOpMutation('config.export');
  const imp = useOpMutation('config.import');
  const [file, setFile] = useState<{ name: string; config: unknown } | null>(null);
  const [readError, setReadError] = useState<ApiError | null>(null);

  const choose = async (f: File | undefined) => {
    imp.reset();
    setFile(null);
    setReadError(null);
    if (!f) return;
    try {
      setFile({ name: f.name, config: JSON.parse(await f.text()) as unknown });
    } catch (e) {
      setReadError(new ApiError('input', t('import.notJson', { file: f.name, reason: (e as Error).message }), t('import.notJsonHint')));
    }
  };
  const doImport = () => {
    if (!file) return;
    // Everything may have changed (settings too): fetch it all again, then let the settings form start afresh.
    imp.mutate({ config: file.config }, { onSuccess: () => void qc.invalidateQueries().then(() => onImported?.()) });
  };
  const summary = file ? describeConfig(file.config) : null;
  const problems = imp.error ? importProblems(imp.error.details) : [];
  return (
    <Section title={t('config.title')} description={t('config.description')}>
      <div className={s.row}>
        <Button
          icon={<ArrowDownload20Regular />}
          disabled={exp.isPending}
          onClick={() => exp.mutate({}, { onSuccess: (c) => downloadText('ferry-config.json', `${JSON.stringify(c, null, 2)}\n`) })}
          data-testid="settings-export"
        >
          {t('config.export')}
        </Button>
        {exp.isSuccess ? <Text data-testid="settings-export-done">{t('config.exported')}</Text> : null}
      </div>
      {exp.error ? <ErrorBox error={exp.error} testId="settings-export-error" /> : null}

      <div className={s.file}>
        <Label htmlFor={fileId}>{t('import.file')}</Label>
        <input id={fileId} type="file" accept=".json,application/json" onChange={(e) => void choose(e.target.files?.[0])} data-testid="settings-import-file" />
      </div>
      {readError ? <ErrorBox error={readError} testId="settings-import-error" /> : null}
      {file ? (
        <div className={s.row}>
          <Text data-testid="settings-import-summary">
            {summary ? t('import.summary', { file: file.name, connections: summary.connections, pipelines: summary.pipelines }) : t('import.unknownFormat', { file: file.name })}
          </Text>
          <Button appearance="primary" icon={<ArrowUpload20Regular />} disabled={imp.isPending} onClick={doImport} data-testid="settings-import">
            {t('import.button')}
          </Button>
          {imp.isPending ? <Spinner size="tiny" label={t('import.running')} /> : null}
        </div>
      ) : null}
      {imp.error ? (
        <div>
          <ErrorBox error={imp.error} testId="settings-import-error" />
          {problems.length ? (
            <ul className={s.problems} data-testid="settings-import-problems" aria-label={t('import.problems')}>
              {problems.map((p, i) => (
                <li key={`${p.path}-${i}`}>
                  {p.path ? <span className={s.path}>{p.path}</span> : null}
                  {p.path ? ': ' : ''}
                  {p.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {imp.data ? (
        <MessageBar intent="success" layout="multiline" data-testid="settings-import-result">
          <MessageBarBody>
            <MessageBarTitle>{t('import.done')}</MessageBarTitle>
            <div>{t('import.connections', { list: imp.data.connections.join(', ') || t('import.nothing') })}</div>
            <div>{t('import.pipelines', { list: imp.data.pipelines.join(', ') || t('import.nothing') })}</div>
            {imp.data.needsSecrets.length ? (
              <div data-testid="settings-import-needs-secrets">
                <strong>{t('import.needsSecrets')}</strong>
                <ul className={s.list}>
                  {imp.data.needsSecrets.map((n) => (
                    <li key={n}>
                      <Link href={href('connections', n)}>{n}</Link>
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
          </MessageBarBody>
        </MessageBar>
      ) : null}
    </Section>
  );
}
