import { Badge, Link, makeStyles, Spinner, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { useOp } from '../../api/hooks.js';
import { ErrorBox } from '../../components/ErrorBox.js';
import { useFormat } from '../../format.js';
import { href } from '../../router.js';

const useStyles = makeStyles({
  fields: { overflowWrap: 'anywhere' },
});

/** The open conflicts, each linking to its detail where the admin decides. */
export function ConflictList() {
  const s = useStyles();
  const { t } = useTranslation(['conflicts', 'common']);
  const f = useFormat();
  const q = useOp('conflicts.list', {});
  if (q.isPending) return <Spinner label={t('common:state.loading')} />;
  if (q.error) return <ErrorBox error={q.error} testId="conflicts-error" />;
  if (q.data.length === 0) {
    return (
      <Text as="p" block data-testid="conflicts-empty">
        {t('none')}
      </Text>
    );
  }
  return (
    <Table aria-label={t('list.caption')} data-testid="conflicts-list">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{t('list.record')}</TableHeaderCell>
          <TableHeaderCell>{t('list.pipeline')}</TableHeaderCell>
          <TableHeaderCell>{t('list.differing')}</TableHeaderCell>
          <TableHeaderCell>{t('list.reason')}</TableHeaderCell>
          <TableHeaderCell>{t('list.detected')}</TableHeaderCell>
          <TableHeaderCell>{t('list.state')}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {q.data.map((c) => (
          <TableRow key={c.id} data-testid={`conflict-row-${c.id}`}>
            <TableCell>
              <Link href={href('conflicts', String(c.id))}>{t('list.review', { entity: t(`common:entityOne.${c.entity}`), left: c.leftId, right: c.rightId })}</Link>
            </TableCell>
            <TableCell>{c.pipeline}</TableCell>
            <TableCell className={s.fields}>{c.differing.join(', ')}</TableCell>
            <TableCell>{c.reason}</TableCell>
            <TableCell>
              <time dateTime={c.detectedAt} title={f.dateTime(c.detectedAt)}>
                {f.relative(c.detectedAt)}
              </time>
            </TableCell>
            <TableCell>
              {c.resolution === null ? (
                <Badge appearance="tint" color="warning">
                  {t('list.open')}
                </Badge>
              ) : (
                <Badge appearance="tint" color="success">
                  {t('list.decided')}
                </Badge>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
