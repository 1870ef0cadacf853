import { Card, Link, makeStyles, Text, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format.js';

const useStyles = makeStyles({
  grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(200px, 1fr))', gap: '12px', margin: 0, padding: 0 },
  tile: { display: 'flex', flexDirection: 'column', gap: '4px' },
  label: { fontWeight: tokens.fontWeightSemibold },
  value: { fontSize: tokens.fontSizeHero700, lineHeight: tokens.lineHeightHero700, fontWeight: tokens.fontWeightSemibold },
  hint: { color: tokens.colorNeutralForeground3 },
});

export interface Overview {
  synced: number;
  changed: number;
  recentRuns: number;
  openConflicts: number | null;
  failedRuns: number;
  connectionsOk: number;
  connections: number;
}

function Tile({ label, value, hint, testId, link }: { label: string; value: string; hint?: string; testId: string; link?: ReactNode }) {
  const s = useStyles();
  return (
    <Card className={s.tile} data-testid={testId} role="group" aria-label={label}>
      <Text className={s.label}>{label}</Text>
      <Text className={s.value}>{value}</Text>
      {hint ? (
        <Text size={200} className={s.hint}>
          {hint}
        </Text>
      ) : null}
      {link}
    </Card>
  );
}

/** The totals at a glance: records synced, changed, open conflicts, failed runs, healthy connections. */
export function OverviewTiles({ o, conflictsHref }: { o: Overview; conflictsHref: string }) {
  const s = useStyles();
  const { t } = useTranslation('status');
  const f = useFormat();
  return (
    <div className={s.grid}>
      <Tile testId="status-total-synced" label={t('totals.synced')} value={f.number(o.synced)} hint={t('totals.syncedHint')} />
      <Tile testId="status-total-changed" label={t('totals.changed')} value={f.number(o.changed)} hint={t('totals.changedHint', { count: o.recentRuns })} />
      <Tile
        testId="status-total-conflicts"
        label={t('totals.conflicts')}
        value={o.openConflicts === null ? '—' : f.number(o.openConflicts)}
        hint={t('totals.conflictsHint')}
        link={o.openConflicts ? <Link href={conflictsHref}>{t('problems.allConflicts', { count: o.openConflicts })}</Link> : undefined}
      />
      <Tile testId="status-total-failures" label={t('totals.failures')} value={f.number(o.failedRuns)} hint={t('totals.failuresHint', { count: o.recentRuns })} />
      <Tile testId="status-total-connections" label={t('totals.connections')} value={t('totals.connectionsValue', { ok: f.number(o.connectionsOk), total: f.number(o.connections) })} />
    </div>
  );
}
