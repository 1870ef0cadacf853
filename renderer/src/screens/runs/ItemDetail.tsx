import { Badge, Card, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Subtitle2, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { RunItem } from '../../../../shared/model.js';
import { fieldChanges } from './diff.js';
import { isEmptyValue, valueText } from './values.js';

const useStyles = makeStyles({
  card: { display: 'flex', flexDirection: 'column', gap: '12px', minWidth: 0 },
  facts: { display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: '16px', rowGap: '4px', margin: 0 },
  term: { color: tokens.colorNeutralForeground3 },
  dd: { margin: 0, overflowWrap: 'anywhere' },
  changedRow: { backgroundColor: tokens.colorPaletteYellowBackground1 },
  value: { overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' },
  empty: { color: tokens.colorNeutralForeground3, fontStyle: 'italic' },
  field: { fontWeight: tokens.fontWeightSemibold },
});

function Value({ v }: { v: unknown }) {
  const s = useStyles();
  const { t } = useTranslation('runs');
  return isEmptyValue(v) ? <span className={s.empty}>{t('detail.empty')}</span> : <span className={s.value}>{valueText(v)}</span>;
}

/** "Why did this change": the item's reason, and its values before and after side by side, changed fields marked. */
export function ItemDetail({ item, sideName }: { item: RunItem | null; sideName: (side: 'left' | 'right') => string }) {
  const s = useStyles();
  const { t } = useTranslation(['runs', 'common']);
  if (!item) {
    return (
      <Card className={s.card} data-testid="item-detail">
        <Subtitle2 as="h2">{t('detail.title')}</Subtitle2>
        <Text as="p" block>{t('detail.choose')}</Text>
      </Card>
    );
  }
  // A conflict item keeps the right system's version as "before" and the left one's as "after".
  const isConflict = item.action === 'conflict';
  const beforeLabel = isConflict ? t('detail.rightValue') : t('detail.before');
  const afterLabel = isConflict ? t('detail.leftValue') : t('detail.after');
  // A changes-only run does not read the target, so an update there has no recorded "before".
  const beforeUnknown = item.action === 'updated' && item.before === null;
  const rows = beforeUnknown ? null : fieldChanges(item.before, item.after);
  const changed = rows?.filter((r) => r.changed).length ?? 0;
  return (
    <Card className={s.card} data-testid="item-detail" aria-labelledby="item-detail-h">
      <Subtitle2 as="h2" id="item-detail-h">
        {t('detail.title')}
      </Subtitle2>
      <Text as="p" block weight="semibold">
        {t('detail.heading', { action: t(`common:action.${item.action}`), entity: t(`common:entityOne.${item.entity}`), id: item.id })}
      </Text>
      <dl className={s.facts}>
        <dt className={s.term}>{t('detail.reason')}</dt>
        <dd className={s.dd} data-testid="item-reason">
          {item.reason ?? t('detail.noReason')}
        </dd>
        <dt className={s.term}>{t('detail.target')}</dt>
        <dd className={s.dd}>{item.targetSide ? sideName(item.targetSide) : '—'}</dd>
        <dt className={s.term}>{t('detail.ids')}</dt>
        <dd className={s.dd}>{t('detail.idPair', { left: item.leftId ?? '—', right: item.rightId ?? '—' })}</dd>
      </dl>
      {item.category ? (
        <MessageBar intent="error" layout="multiline" data-testid="item-error" data-category={item.category}>
          <MessageBarBody>
            <MessageBarTitle>{t(`common:errors.${item.category}.title`, { defaultValue: t('detail.errorTitle') })}</MessageBarTitle>
            <div>{item.reason}</div>
            <div>
              <strong>{t('common:error.whatToDo')}</strong> {t(`common:errors.${item.category}.hint`, { defaultValue: '' })}
            </div>
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {beforeUnknown ? (
        <Text as="p" block data-testid="item-before-unknown">
          {t('detail.beforeNotRead')}
        </Text>
      ) : null}
      {rows === null ? (
        item.before === null && item.after === null ? (
          <Text as="p" block>{t('detail.noValues')}</Text>
        ) : (
          <Table size="small" aria-label={t('detail.title')}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{beforeLabel}</TableHeaderCell>
                <TableHeaderCell>{afterLabel}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              <TableRow>
                <TableCell>
                  <Value v={item.before} />
                </TableCell>
                <TableCell>
                  <Value v={item.after} />
                </TableCell>
              </TableRow>
            </TableBody>
          </Table>
        )
      ) : (
        <>
          <Text as="p" block data-testid="item-changed-count">
            {t('detail.changedCount', { count: changed })}
          </Text>
          <Table size="small" aria-label={t('detail.title')} data-testid="item-fields">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t('detail.field')}</TableHeaderCell>
                <TableHeaderCell>{beforeLabel}</TableHeaderCell>
                <TableHeaderCell>{afterLabel}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((r) => (
                <TableRow key={r.field} className={r.changed ? s.changedRow : undefined} data-testid={`item-field-${r.field}`} data-changed={r.changed}>
                  <TableCell>
                    <span className={s.field}>{r.field}</span>{' '}
                    {r.changed ? (
                      <Badge appearance="outline" color="warning" size="small">
                        {t('detail.changed')}
                      </Badge>
                    ) : null}
                  </TableCell>
                  <TableCell>
                    <Value v={r.before} />
                  </TableCell>
                  <TableCell>
                    <Value v={r.after} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      )}
    </Card>
  );
}
