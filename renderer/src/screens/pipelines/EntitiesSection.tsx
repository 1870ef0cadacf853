import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { Pipeline } from '../../../../shared/model.js';
import { Section } from '../connections/Section.js';
import { flowsOf } from './pipeline-logic.js';

/** Per entity: direction, match key, conflict and delete policy, own interval. */
export function EntitiesSection({ pipeline: p }: { pipeline: Pipeline }) {
  const { t } = useTranslation('pipelines');
  const names = { left: p.left.name, right: p.right.name };
  const every = p.config.schedule.entityEvery;
  return (
    <Section title={t('detail.entities')} description={t('detail.entitiesText')}>
      <Table aria-label={t('detail.entities')} data-testid="pipeline-entities">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{t('detail.col.entity')}</TableHeaderCell>
            <TableHeaderCell>{t('detail.col.direction')}</TableHeaderCell>
            <TableHeaderCell>{t('detail.col.match')}</TableHeaderCell>
            <TableHeaderCell>{t('detail.col.conflicts')}</TableHeaderCell>
            <TableHeaderCell>{t('detail.col.deletes')}</TableHeaderCell>
            <TableHeaderCell>{t('detail.col.interval')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {flowsOf(p).map(({ entity, flow }) => (
            <TableRow key={entity} data-testid={`pipeline-entity-${entity}`}>
              <TableCell>{t(`common:entity.${entity}`)}</TableCell>
              <TableCell>{t(`common:direction.${flow.direction}`, names)}</TableCell>
              <TableCell>{t(`match.${flow.match}`)}</TableCell>
              <TableCell>{t(`conflictPolicy.${flow.conflictPolicy}`)}</TableCell>
              <TableCell>
                {t(`deletePolicy.${flow.deletePolicy}`)}
                {flow.onlyActive ? ` · ${t('detail.onlyActive')}` : ''}
              </TableCell>
              <TableCell>{every[entity] ? t('schedule.everyN', { n: every[entity] }) : t('detail.withPipeline')}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Section>
  );
}
