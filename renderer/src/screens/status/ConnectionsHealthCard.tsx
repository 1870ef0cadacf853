import { Card, Link, makeStyles, Subtitle2, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { OpOutput } from '../../../../shared/contract.js';
import { href } from '../../router.js';
import { HealthBadge } from './HealthBadge.js';

const useStyles = makeStyles({ card: { display: 'flex', flexDirection: 'column', gap: '8px' } });

/** Every connection's health, with a link to test or fix it. */
export function ConnectionsHealthCard({ connections }: { connections: OpOutput<'status.get'>['connections'] }) {
  const s = useStyles();
  const { t } = useTranslation('status');
  return (
    <Card className={s.card} aria-labelledby="health-h">
      <Subtitle2 as="h2" id="health-h">
        {t('health.title')}
      </Subtitle2>
      {connections.length === 0 ? (
        <Text as="p" block>{t('health.none')}</Text>
      ) : (
        <Table size="small" aria-labelledby="health-h" data-testid="status-connections">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t('health.nameCol')}</TableHeaderCell>
              <TableHeaderCell>{t('health.kindCol')}</TableHeaderCell>
              <TableHeaderCell>{t('health.healthCol')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {connections.map((c) => (
              <TableRow key={c.name} data-testid={`status-connection-${c.name}`}>
                <TableCell>
                  <Link href={href('connections', c.name)}>{c.name}</Link>
                </TableCell>
                <TableCell>{c.kind}</TableCell>
                <TableCell>
                  <HealthBadge health={c.health} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Card>
  );
}
