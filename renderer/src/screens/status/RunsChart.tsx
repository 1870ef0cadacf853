import { Card, makeStyles, Subtitle2, Text, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { RunSummary } from '../../../../shared/model.js';
import { useFormat } from '../../format.js';
import { navigate } from '../../router.js';
import { chartBars } from './statusData.js';

const W = 600;
const H = 160;
const GAP = 0.2;

const useStyles = makeStyles({
  card: { display: 'flex', flexDirection: 'column', gap: '8px' },
  svg: { width: '100%', height: '160px', display: 'block', borderBottom: `1px solid ${tokens.colorNeutralStroke1}` },
  bar: { cursor: 'pointer' },
  axis: { display: 'flex', justifyContent: 'space-between', color: tokens.colorNeutralForeground3 },
  legend: { display: 'flex', gap: '20px', flexWrap: 'wrap', alignItems: 'center' },
  key: { display: 'inline-flex', gap: '6px', alignItems: 'center' },
  hidden: { position: 'absolute', width: '1px', height: '1px', margin: '-1px', padding: 0, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap', border: 0 },
});

/**
 * Records changed and failed per recent run, oldest left, as plain SVG bars. Failures sit on top, hatched (not told
 * by colour alone). For screen readers: a summary label, a title per bar, and the same data as a hidden table.
 */
export function RunsChart({ runs }: { runs: readonly RunSummary[] }) {
  const s = useStyles();
  const { t } = useTranslation(['status', 'common']);
  const f = useFormat();
  const bars = chartBars(runs);
  const max = Math.max(1, ...bars.map((b) => b.changed + b.failed));
  const slot = W / Math.max(bars.length, 1);
  const barW = Math.min(slot * (1 - GAP), 40);
  const y = (n: number) => (n / max) * (H - 4);
  const totalChanged = bars.reduce((n, b) => n + b.changed, 0);
  const totalFailed = bars.reduce((n, b) => n + b.failed, 0);
  const describe = (b: (typeof bars)[number]) =>
    t('chart.bar', { pipeline: b.pipeline, when: f.dateTime(b.startedAt), changed: f.number(b.changed), failed: f.number(b.failed), status: t(`common:runStatus.${b.status}`) });
  return (
    <Card className={s.card} aria-labelledby="chart-h">
      <Subtitle2 as="h2" id="chart-h">
        {t('chart.title')}
      </Subtitle2>
      {bars.length === 0 ? (
        <Text as="p" block>{t('chart.none')}</Text>
      ) : (
        <>
          <div className={s.legend} aria-hidden="true">
            <span className={s.key}>
              <svg width="14" height="14">
                <rect width="14" height="14" fill={tokens.colorBrandBackground} />
              </svg>
              {t('chart.changed')}
            </span>
            <span className={s.key}>
              <svg width="14" height="14">
                <rect width="14" height="14" fill="url(#runs-chart-hatch)" stroke={tokens.colorPaletteRedBorder2} />
              </svg>
              {t('chart.failures')}
            </span>
            <Text size={200}>{t('chart.scale', { max: f.number(max) })}</Text>
          </div>
          <svg
            className={s.svg}
            viewBox={`0 0 ${W} ${H}`}
            preserveAspectRatio="none"
            role="img"
            aria-label={t('chart.summary', { runs: bars.length, changed: f.number(totalChanged), failures: f.number(totalFailed), max: f.number(max) })}
            data-testid="runs-chart"
          >
            <defs>
              <pattern id="runs-chart-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                <rect width="6" height="6" fill={tokens.colorPaletteRedBackground2} />
                <line x1="0" y1="0" x2="0" y2="6" stroke={tokens.colorPaletteRedForeground1} strokeWidth="3" />
              </pattern>
            </defs>
            {bars.map((b, i) => {
              const x = i * slot + (slot - barW) / 2;
              const hc = Math.max(b.changed > 0 ? 1 : 0.5, y(b.changed));
              const hf = b.failed > 0 ? Math.max(1, y(b.failed)) : 0;
              return (
                <g key={b.run} className={s.bar} onClick={() => navigate('runs', b.run)} data-testid="runs-chart-run">
                  <title>{describe(b)}</title>
                  <rect x={x} y={H - hc} width={barW} height={hc} fill={tokens.colorBrandBackground} data-testid="runs-chart-bar" data-run={b.run} data-changed={b.changed} />
                  {hf > 0 ? <rect x={x} y={H - hc - hf} width={barW} height={hf} fill="url(#runs-chart-hatch)" data-testid="runs-chart-failures" data-failed={b.failed} /> : null}
                </g>
              );
            })}
          </svg>
          <div className={s.axis} aria-hidden="true">
            <Text size={200}>← {t('chart.oldest')}</Text>
            <Text size={200}>{t('chart.newest')} →</Text>
          </div>
          <table className={s.hidden}>
            <caption>{t('chart.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('chart.runCol')}</th>
                <th scope="col">{t('chart.changed')}</th>
                <th scope="col">{t('chart.failures')}</th>
                <th scope="col">{t('chart.statusCol')}</th>
              </tr>
            </thead>
            <tbody>
              {bars.map((b) => (
                <tr key={b.run}>
                  <th scope="row">{`${b.pipeline}, ${f.dateTime(b.startedAt)}`}</th>
                  <td>{f.number(b.changed)}</td>
                  <td>{f.number(b.failed)}</td>
                  <td>{t(`common:runStatus.${b.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Card>
  );
}
