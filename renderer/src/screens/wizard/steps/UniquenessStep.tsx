import { Button, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text } from '@fluentui/react-components';
import { ArrowClockwise20Regular, CheckmarkCircle20Filled, Warning20Filled } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { UniquenessReport } from '../../../../../shared/contract.js';
import { useApi } from '../../../api/context.js';
import { ErrorBox } from '../../../components/ErrorBox.js';
import { useFormat } from '../../../format.js';
import { sideName } from '../derive.js';
import type { StepProps } from '../types.js';
import { useOnce } from '../useOnce.js';
import { useTask } from '../useTask.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px' },
  row: { display: 'flex', gap: '8px', alignItems: 'center' },
  dups: { margin: 0, paddingLeft: '20px' },
  status: { display: 'inline-flex', gap: '4px', alignItems: 'center' },
});

/** How many duplicate values a row lists before "and N more". */
const SHOWN = 10;

/** Step 8: is the match key unique on both sides? The pipeline exists (paused) by now; pipelines.check answers. */
export function UniquenessStep({ state, dispatch }: StepProps) {
  const s = useStyles();
  const { t } = useTranslation('wizard');
  const api = useApi();
  const task = useTask();
  const saved = state.pipeline.saved;
  const report = state.pipeline.uniqueness;
  const check = () =>
    task.run(async () => {
      if (!saved) return;
      dispatch({ type: 'checked', report: await api['pipelines.check']({ name: saved.name }) });
    });
  useOnce(!report && !!saved, () => void check());
  return (
    <div className={s.root}>
      <div className={s.row}>
        <Button data-testid="uniqueness-recheck" icon={<ArrowClockwise20Regular />} onClick={() => void check()} disabled={task.busy || !saved}>
          {t('uniqueness.again')}
        </Button>
        {task.busy ? <Spinner size="tiny" label={t('uniqueness.running')} /> : null}
      </div>
      {task.error ? <ErrorBox error={task.error} testId="wizard-error" /> : null}
      {report && !task.busy ? <UniquenessResult report={report} names={{ left: sideName(state, 'left'), right: sideName(state, 'right') }} /> : null}
    </div>
  );
}

function UniquenessResult({ report, names }: { report: UniquenessReport; names: { left: string; right: string } }) {
  const s = useStyles();
  const { t } = useTranslation('wizard');
  const f = useFormat();
  return (
    <div className={s.root} data-testid="uniqueness-result" data-unique={report.unique}>
      {report.unique ? (
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody>{t('uniqueness.unique')}</MessageBarBody>
        </MessageBar>
      ) : (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t('uniqueness.notUniqueTitle')}</MessageBarTitle>
            {t('uniqueness.notUnique')}
          </MessageBarBody>
        </MessageBar>
      )}
      <Table aria-label={t('uniqueness.table')} size="small">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{t('uniqueness.col.entity')}</TableHeaderCell>
            <TableHeaderCell>{t('uniqueness.col.system')}</TableHeaderCell>
            <TableHeaderCell>{t('uniqueness.col.key')}</TableHeaderCell>
            <TableHeaderCell>{t('uniqueness.col.records')}</TableHeaderCell>
            <TableHeaderCell>{t('uniqueness.col.duplicates')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {report.entities.map((e) => (
            <TableRow key={`${e.entity}-${e.side}`} data-testid={`uniqueness-${e.entity}-${e.side}`}>
              <TableCell>{t(`common:entity.${e.entity}`)}</TableCell>
              <TableCell>{names[e.side]}</TableCell>
              <TableCell>{t(`flows.matchKey.${e.key}`)}</TableCell>
              <TableCell>{f.number(e.records)}</TableCell>
              <TableCell>
                {e.duplicates.length === 0 ? (
                  <span className={s.status}>
                    <CheckmarkCircle20Filled aria-hidden /> {t('uniqueness.none')}
                  </span>
                ) : (
                  <>
                    <span className={s.status}>
                      <Warning20Filled aria-hidden /> {t('uniqueness.count', { count: e.duplicates.length })}
                    </span>
                    <ul className={s.dups}>
                      {e.duplicates.slice(0, SHOWN).map((d) => (
                        <li key={d.value}>{t('uniqueness.duplicate', { value: d.value, ids: d.ids.join(', ') })}</li>
                      ))}
                      {e.duplicates.length > SHOWN ? <li>{t('uniqueness.more', { count: e.duplicates.length - SHOWN })}</li> : null}
                    </ul>
                  </>
                )}
                {e.note ? <Text block size={200}>{e.note}</Text> : null}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
