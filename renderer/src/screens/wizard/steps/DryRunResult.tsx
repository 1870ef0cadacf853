import { makeStyles, MessageBar, MessageBarBody, Subtitle2, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { PlannedOp, RunResult } from '../../../../../shared/model.js';
import { ErrorBox } from '../../../components/ErrorBox.js';
import { useFormat } from '../../../format.js';
import { COUNT_COLUMNS, countRows, samples, showValue, nothingToDo } from '../preview.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px' },
  samples: { display: 'flex', flexDirection: 'column', gap: '4px' },
  list: { margin: 0, paddingLeft: '20px', display: 'flex', flexDirection: 'column', gap: '6px' },
  changes: { margin: 0, paddingLeft: '16px', color: tokens.colorNeutralForeground2 },
});

/** A dry run's outcome: counts per entity and action, and the first records of each action with old → new. */
export function DryRunResult({ result, names }: { result: RunResult; names: { left: string; right: string } }) {
  const s = useStyles();
  const { t } = useTranslation('wizard');
  const f = useFormat();
  const rows = countRows(result);
  const groups = samples(result.plan ?? []);
  return (
    <div className={s.root} data-testid="dry-run-preview">
      {result.error ? <ErrorBox error={result.error} testId="wizard-error" /> : null}
      <MessageBar intent={result.error ? 'warning' : 'info'} layout="multiline">
        <MessageBarBody>{nothingToDo(result) ? t('review.nothing') : t('review.intro')}</MessageBarBody>
      </MessageBar>
      <Table aria-label={t('review.countsTable')} size="small">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{t('review.col.entity')}</TableHeaderCell>
            {COUNT_COLUMNS.map((c) => (
              <TableHeaderCell key={c}>{t(`review.col.${c}`)}</TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map(({ entity, counts }) => (
            <TableRow key={entity} data-testid={`dry-run-${entity}`}>
              <TableCell>{t(`common:entity.${entity}`)}</TableCell>
              {COUNT_COLUMNS.map((c) => (
                <TableCell key={c} data-col={c}>
                  {f.number(counts[c])}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {groups.map((g) => (
        <section key={g.action} className={s.samples} data-testid={`dry-run-samples-${g.action}`}>
          <Subtitle2 as="h3">
            {t(`common:action.${g.action}`)} — {t('review.sampleOf', { shown: g.ops.length, total: f.number(g.total) })}
          </Subtitle2>
          <ul className={s.list}>
            {g.ops.map((op, i) => (
              <li key={i}>
                <Sample op={op} names={names} />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

function Sample({ op, names }: { op: PlannedOp; names: { left: string; right: string } }) {
  const s = useStyles();
  const { t } = useTranslation('wizard');
  const ids = [op.leftId ? `${names.left}: ${op.leftId}` : null, op.rightId ? `${names.right}: ${op.rightId}` : null].filter(Boolean).join(' · ');
  // A new record has no old values: its fields are listed as they will be; empty ones are left out.
  const changes = Object.entries(op.changes ?? {}).filter(([, c]) => showValue(c.old) !== '—' || showValue(c.new) !== '—');
  return (
    <>
      <Text>
        {t(`common:entityOne.${op.entity}`)} {ids ? `(${ids})` : ''}
        {op.targetSide ? ` → ${names[op.targetSide]}` : ''}
      </Text>
      {op.reason ? <Text block size={200}>{op.reason}</Text> : null}
      {changes.length ? (
        <ul className={s.changes}>
          {changes.map(([field, c]) => (
            <li key={field}>
              <Text size={200}>{op.action === 'created' ? t('review.value', { field, value: showValue(c.new) }) : t('review.change', { field, old: showValue(c.old), new: showValue(c.new) })}</Text>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
