import {
  Badge,
  Button,
  Link,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Spinner,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Title2,
  tokens,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { useOp, useOpMutation } from '../../api/hooks.js';
import { ErrorBox } from '../../components/ErrorBox.js';
import { useFormat } from '../../format.js';
import { href } from '../../router.js';
import { useRememberedState } from '../runs/rememberedState.js';
import { conflictRows, mergeFields, missingChoices, type Choices, type Side } from './conflictFields.js';
import { ConflictValue } from './ConflictValue.js';
import { ResolvedNotice } from './ResolvedNotice.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '16px' },
  facts: { display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: '24px', rowGap: '6px', margin: 0 },
  term: { color: tokens.colorNeutralForeground3 },
  dd: { margin: 0 },
  differs: { backgroundColor: tokens.colorPaletteYellowBackground1 },
  field: { fontWeight: tokens.fontWeightSemibold },
  decide: { display: 'flex', flexDirection: 'column', gap: '8px' },
  actions: { display: 'flex', gap: '8px', flexWrap: 'wrap', alignItems: 'center' },
});

/** One conflict: both versions beside their common base, differing fields marked; keep one side or merge per field. */
export function ConflictDetail({ id }: { id: number }) {
  const s = useStyles();
  const { t } = useTranslation(['conflicts', 'common']);
  const f = useFormat();
  const q = useOp('conflicts.show', { id });
  const pipeline = useOp('pipelines.show', { name: q.data?.pipeline ?? '' }, { enabled: !!q.data, retry: false });
  const [choices, setChoices] = useRememberedState<Choices>(`conflict:${id}:choices`, {});
  const resolve = useOpMutation('conflicts.resolve', ['conflicts.list', 'conflicts.show', 'status.get']);
  const c = resolve.data ?? q.data;

  const back = <Link href={href('conflicts')}>{t('detail.back')}</Link>;
  if (q.isPending) {
    return (
      <div className={s.root}>
        {back}
        <Title2 as="h1">{t('detail.titlePlain')}</Title2>
        <Spinner label={t('common:state.loading')} />
      </div>
    );
  }
  if (!c) {
    return (
      <div className={s.root}>
        {back}
        <Title2 as="h1">{t('detail.titlePlain')}</Title2>
        <ErrorBox error={q.error} testId="conflict-error" />
      </div>
    );
  }

  const leftName = pipeline.data?.left.name ?? null;
  const rightName = pipeline.data?.right.name ?? null;
  const leftHead = leftName ? t('detail.left', { name: leftName }) : t('detail.leftPlain');
  const rightHead = rightName ? t('detail.right', { name: rightName }) : t('detail.rightPlain');
  const rows = conflictRows(c);
  const missing = missingChoices(c.differing, choices);
  const fields = mergeFields(c.differing, choices);
  const decided = c.resolution !== null || c.closedAt !== null;
  const choose = (field: string, side: Side) => setChoices((o) => ({ ...o, [field]: side }));

  return (
    <div className={s.root}>
      {back}
      <Title2 as="h1">{t('detail.title', { entity: t(`common:entityOne.${c.entity}`), left: c.leftId, right: c.rightId })}</Title2>
      <dl className={s.facts}>
        <dt className={s.term}>{t('detail.pipeline')}</dt>
        <dd className={s.dd}>
          <Link href={href('pipelines', c.pipeline)}>{c.pipeline}</Link>
        </dd>
        <dt className={s.term}>{t('detail.reason')}</dt>
        <dd className={s.dd}>{c.reason}</dd>
        <dt className={s.term}>{t('detail.detected')}</dt>
        <dd className={s.dd}>{f.dateTime(c.detectedAt)}</dd>
      </dl>
      {c.closedAt ? (
        <MessageBar intent="info" data-testid="conflict-closed">
          <MessageBarBody>{t('detail.closed', { when: f.dateTime(c.closedAt) })}</MessageBarBody>
        </MessageBar>
      ) : c.resolution !== null ? (
        <ResolvedNotice c={c} />
      ) : null}

      <Subtitle2 as="h2" id="conflict-versions-h">
        {t('detail.versions')}
      </Subtitle2>
      {c.base === null ? <Text as="p" block>{t('detail.noBase')}</Text> : null}
      <Table aria-label={t('detail.tableCaption')} data-testid="conflict-versions">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{t('detail.field')}</TableHeaderCell>
            <TableHeaderCell>{leftHead}</TableHeaderCell>
            <TableHeaderCell>{t('detail.base')}</TableHeaderCell>
            <TableHeaderCell>{rightHead}</TableHeaderCell>
            {decided ? null : <TableHeaderCell>{t('detail.choice')}</TableHeaderCell>}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((r) => (
            <TableRow key={r.field} className={r.differs ? s.differs : undefined} data-testid={`conflict-field-${r.field}`} data-differs={r.differs}>
              <TableCell>
                <span className={s.field}>{r.field}</span>{' '}
                {r.differs ? (
                  <Badge appearance="outline" color="warning" size="small">
                    {t('detail.differs')}
                  </Badge>
                ) : null}
              </TableCell>
              <TableCell data-testid={`conflict-left-${r.field}`}>
                <ConflictValue v={r.left} changed={r.differs && r.leftChanged === true} />
              </TableCell>
              <TableCell data-testid={`conflict-base-${r.field}`}>{c.base === null ? '—' : <ConflictValue v={r.base} />}</TableCell>
              <TableCell data-testid={`conflict-right-${r.field}`}>
                <ConflictValue v={r.right} changed={r.differs && r.rightChanged === true} />
              </TableCell>
              {decided ? null : (
                <TableCell>
                  {r.differs ? (
                    <RadioGroup layout="horizontal" aria-label={t('detail.choiceFor', { field: r.field })} value={choices[r.field] ?? ''} onChange={(_, d) => choose(r.field, d.value as Side)}>
                      <Radio value="left" label={t('detail.leftPlain')} data-testid={`conflict-choice-${r.field}-left`} />
                      <Radio value="right" label={t('detail.rightPlain')} data-testid={`conflict-choice-${r.field}-right`} />
                    </RadioGroup>
                  ) : null}
                </TableCell>
              )}
            </TableRow>
          ))}
        </TableBody>
      </Table>

      {decided ? null : (
        <section aria-labelledby="conflict-decide-h" className={s.decide}>
          <Subtitle2 as="h2" id="conflict-decide-h">
            {t('detail.decide')}
          </Subtitle2>
          <Text as="p" block>{t('detail.decideHint')}</Text>
          <div className={s.actions}>
            <Button disabled={resolve.isPending} onClick={() => resolve.mutate({ id: c.id, take: 'left' })} data-testid="conflict-take-left">
              {t('detail.takeLeft', { name: leftName ?? t('detail.leftPlain') })}
            </Button>
            <Button disabled={resolve.isPending} onClick={() => resolve.mutate({ id: c.id, take: 'right' })} data-testid="conflict-take-right">
              {t('detail.takeRight', { name: rightName ?? t('detail.rightPlain') })}
            </Button>
            <Button
              appearance="primary"
              disabled={resolve.isPending || fields === null}
              onClick={() => fields && resolve.mutate({ id: c.id, take: 'merge', fields })}
              aria-describedby={fields === null ? 'conflict-merge-missing' : undefined}
              data-testid="conflict-merge"
            >
              {t('detail.merge')}
            </Button>
            {resolve.isPending ? <Spinner size="tiny" label={t('detail.saving')} /> : null}
          </div>
          {fields === null ? (
            <Text as="p" block id="conflict-merge-missing">
              {t('detail.mergeMissing', { count: missing.length })}
            </Text>
          ) : null}
          {resolve.error ? <ErrorBox error={resolve.error} testId="conflict-resolve-error" /> : null}
        </section>
      )}
    </div>
  );
}
