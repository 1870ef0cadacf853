import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { Pipeline } from '../../../../shared/model.js';
import { useOp } from '../../api/hooks.js';
import { ErrorBox } from '../../components/ErrorBox.js';
import { useFormat } from '../../format.js';

const useStyles = makeStyles({ content: { display: 'grid', gap: '12px' }, ids: { wordBreak: 'break-all' } });

/** `pipelines.check`: is each entity's match key unique on both sides? Lists the duplicates where not. */
export function UniquenessDialog({ pipeline: p, onClose }: { pipeline: Pipeline; onClose: () => void }) {
  const s = useStyles();
  const { t } = useTranslation('pipelines');
  const f = useFormat();
  const check = useOp('pipelines.check', { name: p.name }, { staleTime: 0 });
  const side = (x: 'left' | 'right') => (x === 'left' ? p.left.name : p.right.name);
  const r = check.data;
  return (
    <Dialog open onOpenChange={(_, d) => (d.open ? undefined : onClose())}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{t('check.title', { name: p.name })}</DialogTitle>
          <DialogContent className={s.content} data-testid="pipeline-check-result">
            <Text block>{t('check.description')}</Text>
            {check.isFetching ? <Spinner size="small" label={t('check.running')} /> : null}
            {check.error ? <ErrorBox error={check.error} testId="pipeline-check-error" /> : null}
            {r && !check.isFetching ? (
              <>
                <MessageBar intent={r.unique ? 'success' : 'warning'} layout="multiline" data-unique={String(r.unique)}>
                  <MessageBarBody>
                    <MessageBarTitle>{r.unique ? t('check.unique') : t('check.notUnique')}</MessageBarTitle>
                    {r.unique ? null : t('check.notUniqueHint')}
                  </MessageBarBody>
                </MessageBar>
                <Table aria-label={t('check.title', { name: p.name })} size="small">
                  <TableHeader>
                    <TableRow>
                      <TableHeaderCell>{t('check.col.entity')}</TableHeaderCell>
                      <TableHeaderCell>{t('check.col.side')}</TableHeaderCell>
                      <TableHeaderCell>{t('check.col.key')}</TableHeaderCell>
                      <TableHeaderCell>{t('check.col.records')}</TableHeaderCell>
                      <TableHeaderCell>{t('check.col.duplicates')}</TableHeaderCell>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {r.entities.map((e) => (
                      <TableRow key={`${e.entity}-${e.side}`}>
                        <TableCell>{t(`common:entity.${e.entity}`)}</TableCell>
                        <TableCell>{side(e.side)}</TableCell>
                        <TableCell>{t(`match.${e.key}`)}</TableCell>
                        <TableCell>{f.number(e.records)}</TableCell>
                        <TableCell className={s.ids}>
                          {e.duplicates.length === 0
                            ? t('check.none')
                            : e.duplicates.map((d) => t('check.duplicate', { value: d.value, ids: d.ids.join(', ') })).join('; ')}
                          {e.note ? <div>{e.note}</div> : null}
                        </TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </>
            ) : null}
          </DialogContent>
          <DialogActions>
            <Button onClick={() => void check.refetch()} disabled={check.isFetching}>
              {t('check.again')}
            </Button>
            <Button appearance="primary" onClick={onClose}>
              {t('common:actions.close')}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
