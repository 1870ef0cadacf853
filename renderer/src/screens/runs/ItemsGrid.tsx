import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RunItem } from '../../../../shared/model.js';

export const ROW_HEIGHT = 32;
const HEADER_HEIGHT = 34;
const columns = '60px 88px 92px minmax(96px,0.7fr) minmax(96px,1fr) minmax(96px,1fr) minmax(0,1.6fr)';

const useStyles = makeStyles({
  scroller: {
    height: 'min(60vh, 640px)',
    minHeight: '240px',
    overflow: 'auto',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    contain: 'strict',
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
  },
  header: {
    position: 'sticky',
    top: 0,
    zIndex: 1,
    display: 'grid',
    gridTemplateColumns: columns,
    height: `${HEADER_HEIGHT}px`,
    alignItems: 'center',
    backgroundColor: tokens.colorNeutralBackground3,
    borderBottom: `1px solid ${tokens.colorNeutralStroke1}`,
    fontWeight: tokens.fontWeightSemibold,
  },
  body: { position: 'relative', width: '100%' },
  row: {
    position: 'absolute',
    top: 0,
    left: 0,
    width: '100%',
    height: `${ROW_HEIGHT}px`,
    display: 'grid',
    gridTemplateColumns: columns,
    alignItems: 'center',
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
  },
  selected: {
    backgroundColor: tokens.colorNeutralBackground1Selected,
    boxShadow: `inset 4px 0 0 ${tokens.colorBrandStroke1}`,
    fontWeight: tokens.fontWeightSemibold,
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Selected },
  },
  cell: { padding: '0 8px', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  failed: { color: tokens.colorPaletteRedForeground1 },
});

const colKeys = ['no', 'entity', 'action', 'target', 'leftId', 'rightId', 'reason'] as const;

/**
 * The items of a run as an ARIA grid that renders only the rows in view (fixed row height), so 100 000 items scroll
 * smoothly. Focus stays on the grid; arrow keys, Page Up/Down, Home and End move the selection.
 */
export function ItemsGrid({ items, selectedId, onSelect, sideName }: { items: readonly RunItem[]; selectedId: number | null; onSelect: (item: RunItem) => void; sideName: (side: 'left' | 'right') => string }) {
  const s = useStyles();
  const { t } = useTranslation(['runs', 'common']);
  const scrollRef = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    getItemKey: (i) => items[i]!.id,
  });
  const selectedIndex = useMemo(() => (selectedId === null ? -1 : items.findIndex((i) => i.id === selectedId)), [items, selectedId]);
  const virtualRows = v.getVirtualItems();
  const selectedRendered = selectedIndex >= 0 && virtualRows.some((r) => r.index === selectedIndex);

  // Keep the selected row in view when it changes by keyboard or the filter changes around it.
  const lastScrolled = useRef<number>(-1);
  useEffect(() => {
    if (selectedIndex >= 0 && selectedIndex !== lastScrolled.current) {
      lastScrolled.current = selectedIndex;
      v.scrollToIndex(selectedIndex, { align: 'auto' });
    }
  }, [selectedIndex, v]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (items.length === 0) return;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 320) / ROW_HEIGHT) - 1);
    const from = selectedIndex < 0 ? -1 : selectedIndex;
    const to = (() => {
      switch (e.key) {
        case 'ArrowDown':
          return from + 1;
        case 'ArrowUp':
          return from < 0 ? 0 : from - 1;
        case 'PageDown':
          return from + page;
        case 'PageUp':
          return from - page;
        case 'Home':
          return 0;
        case 'End':
          return items.length - 1;
        default:
          return null;
      }
    })();
    if (to === null) return;
    e.preventDefault();
    onSelect(items[Math.min(items.length - 1, Math.max(0, to))]!);
  };

  return (
    <div
      ref={scrollRef}
      className={s.scroller}
      role="grid"
      aria-label={t('items.grid')}
      aria-rowcount={items.length + 1}
      aria-colcount={colKeys.length}
      aria-activedescendant={selectedRendered ? `run-item-${selectedId}` : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      data-testid="run-items"
    >
      <div role="rowgroup">
        <div role="row" aria-rowindex={1} className={s.header}>
          {colKeys.map((k) => (
            <div role="columnheader" key={k} className={s.cell} title={t(`items.col.${k}`)}>
              {t(`items.col.${k}`)}
            </div>
          ))}
        </div>
      </div>
      <div role="rowgroup" className={s.body} style={{ height: `${v.getTotalSize()}px` }}>
        {virtualRows.map((r) => {
          const it = items[r.index]!;
          const selected = it.id === selectedId;
          return (
            <div
              key={r.key}
              id={`run-item-${it.id}`}
              role="row"
              aria-rowindex={r.index + 2}
              aria-selected={selected}
              data-testid="run-item-row"
              data-index={r.index}
              className={mergeClasses(s.row, selected && s.selected)}
              style={{ transform: `translateY(${r.start - HEADER_HEIGHT}px)` }}
              onClick={() => onSelect(it)}
            >
              <div role="gridcell" className={s.cell}>
                {it.id}
              </div>
              <div role="gridcell" className={s.cell}>
                {t(`common:entityOne.${it.entity}`)}
              </div>
              <div role="gridcell" className={mergeClasses(s.cell, it.action === 'failed' && s.failed)}>
                {t(`common:action.${it.action}`)}
              </div>
              <div role="gridcell" className={s.cell}>
                {it.targetSide ? sideName(it.targetSide) : '—'}
              </div>
              <div role="gridcell" className={s.cell} title={it.leftId ?? undefined}>
                {it.leftId ?? '—'}
              </div>
              <div role="gridcell" className={s.cell} title={it.rightId ?? undefined}>
                {it.rightId ?? '—'}
              </div>
              <div role="gridcell" className={s.cell} title={it.reason ?? undefined}>
                {it.reason ?? ''}
              </div>
            </div>
          );
        })}
      </div>
    </div>
  );
}
