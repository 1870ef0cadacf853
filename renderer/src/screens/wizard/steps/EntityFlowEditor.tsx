import { Field, makeStyles, Radio, RadioGroup, Select, Subtitle2, Text, tokens } from '@fluentui/react-components';
import { Info16Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { Kind } from '../../../../../shared/contract.js';
import type { EntityName } from '../../../../../shared/entities.js';
import { CONFLICT_POLICIES, DELETE_POLICIES, MATCH_KEYS } from '../entities.js';
import { directionOptions, newerWinsUnavailable, type FlowChoice, type Unavailable } from '../flows.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '8px', padding: '12px 16px', border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, backgroundColor: tokens.colorNeutralBackground1 },
  policies: { display: 'flex', flexWrap: 'wrap', gap: '12px', alignItems: 'flex-start' },
  policy: { minWidth: '220px', flexGrow: 1, flexBasis: '0' },
  reasons: { display: 'flex', flexDirection: 'column', gap: '2px', margin: 0, padding: 0, listStyleType: 'none', color: tokens.colorNeutralForeground2 },
  reason: { display: 'flex', gap: '4px', alignItems: 'flex-start' },
  reasonIcon: { flexShrink: 0, marginTop: '2px' },
  directions: { flexWrap: 'wrap', columnGap: '8px' },
  direction: { whiteSpace: 'nowrap' },
});

export type Names = { left: string; right: string };

/** One entity of the flows step: direction (impossible ones greyed, with why), match key, conflict and delete policy. */
export function EntityFlowEditor({ entity, flow, left, right, names, onChange }: { entity: EntityName; flow: FlowChoice; left: Kind | undefined; right: Kind | undefined; names: Names; onChange: (patch: Partial<FlowChoice>) => void }) {
  const s = useStyles();
  const { t } = useTranslation('wizard');
  const entityLabel = t(`common:entity.${entity}`);
  const why = (u: Unavailable) => u.note ?? t(`flows.cannot.${u.lacks}`, { system: names[u.side], entity: entityLabel });
  const options = directionOptions(entity, left, right);
  const reasons = [...new Set(options.flatMap((o) => (o.unavailable ? [why(o.unavailable)] : [])))];
  const newer = newerWinsUnavailable(entity, left, right);
  const on = flow.direction !== 'off';
  return (
    <div className={s.root} data-testid={`flow-${entity}`}>
      <Subtitle2 as="h3">{entityLabel}</Subtitle2>
      <Field label={t('flows.direction', { entity: entityLabel })}>
        <RadioGroup className={s.directions} layout="horizontal" value={flow.direction} onChange={(_, d) => onChange({ direction: d.value as FlowChoice['direction'] })}>
          <Radio className={s.direction} value="off" label={t('common:direction.off')} />
          {options.map((o) => (
            <Radio className={s.direction} key={o.direction} value={o.direction} disabled={!!o.unavailable} label={t(`common:direction.${o.direction}`, names)} data-testid={`flow-${entity}-${o.direction}`} />
          ))}
        </RadioGroup>
      </Field>
      {reasons.length ? (
        <ul className={s.reasons} data-testid={`flow-${entity}-why`}>
          {reasons.map((r) => (
            <li key={r} className={s.reason}>
              <Info16Regular className={s.reasonIcon} aria-hidden />
              <Text size={200}>
                {t('flows.notPossible')} {r}
              </Text>
            </li>
          ))}
        </ul>
      ) : null}
      {on ? (
        <div className={s.policies}>
          <Field className={s.policy} label={t('flows.match')} hint={entity === 'customer' ? t('flows.matchHint') : undefined}>
            <Select value={flow.match} onChange={(_, d) => onChange({ match: d.value as FlowChoice['match'] })}>
              {MATCH_KEYS.map((k) => (
                <option key={k} value={k}>
                  {t(`flows.matchKey.${k}`)}
                </option>
              ))}
            </Select>
          </Field>
          {flow.direction === 'both' ? (
            <Field className={s.policy} label={t('flows.conflict')} hint={newer ? t('flows.newerWinsWhy', { system: names[newer.side], entity: entityLabel }) : undefined}>
              <Select value={flow.conflictPolicy} onChange={(_, d) => onChange({ conflictPolicy: d.value as FlowChoice['conflictPolicy'] })}>
                {CONFLICT_POLICIES.map((p) => (
                  <option key={p} value={p} disabled={p === 'newer-wins' && !!newer}>
                    {t(`flows.conflictPolicy.${p}`, names)}
                  </option>
                ))}
              </Select>
            </Field>
          ) : null}
          <Field className={s.policy} label={t('flows.delete')}>
            <Select value={flow.deletePolicy} onChange={(_, d) => onChange({ deletePolicy: d.value as FlowChoice['deletePolicy'] })}>
              {DELETE_POLICIES.map((p) => (
                <option key={p} value={p}>
                  {t(`flows.deletePolicy.${p}`)}
                </option>
              ))}
            </Select>
          </Field>
        </div>
      ) : null}
    </div>
  );
}
