import { Body1, Button, Link, makeStyles, Spinner, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Title2 } from '@fluentui/react-components';
import { Add20Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { useOp } from '../../api/hooks.js';
import { ErrorBox } from '../../components/ErrorBox.js';
import { useFormat } from '../../format.js';
import { href, navigate } from '../../router.js';
import { HealthBadge } from './HealthBadge.js';
import { LastTest } from './LastTest.js';
import { useKindText } from '../../components/useKindText.js';

const useStyles = makeStyles({
  head: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: '16px', marginBottom: '8px' },
  intro: { display: 'block', marginBottom: '16px', maxWidth: '70ch' },
  url: { wordBreak: 'break-all' },
});

/** All connections: name, system, address, health, last test, created and changed (seed 003). */
export function ConnectionList() {
  const s = useStyles();
  const { t } = useTranslation('connections');
  const f = useFormat();
  const list = useOp('connections.list', {});
  const kinds = useOp('kinds.list', {});
  const kt = useKindText();
  const kindLabel = (kind: string) => kt.label(kind, kinds.data?.find((k) => k.kind === kind)?.label);
  return (
    <>
      <div className={s.head}>
        <Title2 as="h1">{t('title')}</Title2>
        <Button appearance="primary" icon={<Add20Regular />} onClick={() => navigate('setup', 'connection')} data-testid="connection-add">
          {t('add')}
        </Button>
      </div>
      <Body1 className={s.intro}>{t('intro')}</Body1>
      {list.error ? <ErrorBox error={list.error} testId="connections-load-error" /> : null}
      {list.isPending ? <Spinner label={t('common:state.loading')} /> : null}
      {list.data && list.data.length === 0 ? <Body1 data-testid="connections-empty">{t('empty')}</Body1> : null}
      {list.data && list.data.length > 0 ? (
        <Table aria-label={t('title')} data-testid="connections-table">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t('col.name')}</TableHeaderCell>
              <TableHeaderCell>{t('col.kind')}</TableHeaderCell>
              <TableHeaderCell>{t('col.url')}</TableHeaderCell>
              <TableHeaderCell>{t('col.health')}</TableHeaderCell>
              <TableHeaderCell>{t('col.lastTest')}</TableHeaderCell>
              <TableHeaderCell>{t('col.created')}</TableHeaderCell>
              <TableHeaderCell>{t('col.modified')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {list.data.map((c) => (
              <TableRow key={c.id} data-testid={`connection-row-${c.name}`}>
                <TableCell>
                  <Link href={href('connections', c.name)}>{c.name}</Link>
                </TableCell>
                <TableCell>{kindLabel(c.kind)}</TableCell>
                <TableCell className={s.url}>{c.url}</TableCell>
                <TableCell>
                  <HealthBadge health={c.health} />
                </TableCell>
                <TableCell>
                  <LastTest lastTest={c.lastTest} />
                </TableCell>
                <TableCell>
                  <time dateTime={c.createdAt}>{f.dateTime(c.createdAt)}</time>
                </TableCell>
                <TableCell>
                  <time dateTime={c.modifiedAt}>{f.dateTime(c.modifiedAt)}</time>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
    </>
  );
}
