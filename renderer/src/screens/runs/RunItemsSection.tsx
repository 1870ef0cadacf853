import { Checkbox, Field, makeStyles, MessageBar, MessageBarBody, SearchBox, Select, Subtitle2, Text } from '@fluentui/react-components';
import { useDeferredValue, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { RunItem, RunSummary } from '../../../../shared/model.js';
import { useFormat } from '../../format.js';
import { filterItems, itemActions, searchText, type ActionFilter, type ItemFilter } from './itemFilter.js';
import { ItemDetail } from './ItemDetail.js';
import { ItemsGrid } from './ItemsGrid.js';
import { useRememberedState } from './rememberedState.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px' },
  toolbar: { display: 'flex', flexWrap: 'wrap', gap: '16px', alignItems: 'flex-end' },
  search: { minWidth: '280px' },
  split: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 2fr) minmax(340px, 1fr)',
    gap: '16px',
    alignItems: 'start',
    '@media (max-width: 1200px)': { gridTemplateColumns: 'minmax(0, 1fr)' },
  },
  listCol: { display: 'flex', flexDirection: 'column', gap: '8px', minWidth: 0 },
});

/** Records a run itemises (everything but "unchanged"), from its counts. */
const itemised = (run: RunSummary) =>
  Object.values(run.entities).reduce((n, c) => n + (c ? c.created + c.updated + c.deleted + c.skipped + c.conflicts + c.failed : 0), 0);

/** Every item of the run, filtered and searched, with the selected one explained beside the list. */
export function RunItemsSection({ run, items, sideName }: { run: RunSummary; items: readonly RunItem[]; sideName: (side: 'left' | 'right') => string }) {
  const s = useStyles();
  const { t } = useTranslation(['runs', 'common']);
  const f = useFormat();
  const [filter, setFilter] = useRememberedState<ItemFilter>(`run:${run.run}:filter`, { action: 'all', errorsOnly: false, search: '' });
  const [selectedId, setSelectedId] = useRememberedState<number | null>(`run:${run.run}:selected`, null);
  // Typing stays responsive: the list follows the filter one render later.
  const deferred = useDeferredValue(filter);
  const haystacks = useMemo(() => items.map(searchText), [items]);
  const shown = useMemo(() => filterItems(items, haystacks, deferred), [items, haystacks, deferred]);
  const selected = useMemo(() => (selectedId === null ? null : (items.find((i) => i.id === selectedId) ?? null)), [items, selectedId]);
  const expected = itemised(run);

  return (
    <section className={s.root} aria-labelledby="run-items-h">
      <Subtitle2 as="h2" id="run-items-h">
        {t('items.title')}
      </Subtitle2>
      <Text as="p" block>{t('items.note')}</Text>
      {items.length === 0 && expected > 0 ? (
        <MessageBar intent="info">
          <MessageBarBody>{t('items.pruned')}</MessageBarBody>
        </MessageBar>
      ) : null}
      {items.length > 0 && items.length < expected ? (
        <MessageBar intent="info" data-testid="run-items-partial">
          <MessageBarBody>{t('items.partial', { shown: f.number(items.length), total: f.number(expected) })}</MessageBarBody>
        </MessageBar>
      ) : null}
      <div className={s.toolbar} role="search">
        <Field label={t('items.filterAction')}>
          <Select value={filter.action} onChange={(_, d) => setFilter((o) => ({ ...o, action: d.value as ActionFilter }))} data-testid="run-filter-action">
            <option value="all">{t('items.allActions')}</option>
            {itemActions.map((a) => (
              <option key={a} value={a}>
                {t(`common:action.${a}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('items.search')} className={s.search}>
          <SearchBox
            value={filter.search}
            placeholder={t('items.searchPlaceholder')}
            onChange={(_, d) => setFilter((o) => ({ ...o, search: d.value }))}
            data-testid="run-search"
          />
        </Field>
        <Checkbox label={t('items.errorsOnly')} checked={filter.errorsOnly} onChange={(_, d) => setFilter((o) => ({ ...o, errorsOnly: d.checked === true }))} data-testid="run-errors-only" />
      </div>
      <div className={s.split}>
        <div className={s.listCol}>
          <Text as="p" block aria-live="polite" data-testid="run-items-count">
            {t('items.shown', { shown: f.number(shown.length), total: f.number(items.length) })}
          </Text>
          {shown.length === 0 ? <Text as="p" block>{t('items.none')}</Text> : null}
          <ItemsGrid items={shown} selectedId={selectedId} onSelect={(it) => setSelectedId(it.id)} sideName={sideName} />
          <Text as="p" block size={200}>
            {t('items.keyboard')}
          </Text>
        </div>
        <ItemDetail item={selected} sideName={sideName} />
      </div>
    </section>
  );
}
