import { Field, Link, MessageBar, MessageBarBody, Radio, RadioGroup, Select } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { href } from '../../../router.js';
import { connectionOf } from '../derive.js';
import type { Side } from '../state.js';
import type { SideStepProps } from '../types.js';
import { NeedsChecklist } from './NeedsChecklist.js';
import { useKindText } from '../../../components/useKindText.js';

/** Step 1: which system — a new connection of a kind (with what to gather first), or an existing connection. */
export function SystemStep({ state, dispatch, side }: SideStepProps) {
  const { t } = useTranslation('wizard');
  const s = state[side];
  const other: Side = side === 'left' ? 'right' : 'left';
  const otherId = state.mode === 'connection' ? null : connectionOf(state, other)?.id;
  const existing = state.connections.filter((c) => c.id !== otherId && c.id !== s.saved?.id);
  const offerExisting = state.mode !== 'connection' && (existing.length > 0 || s.source === 'existing');
  const kind = state.kinds.find((k) => k.kind === s.kind);
  const kt = useKindText();
  const kindLabel = (k: string) => kt.label(k, state.kinds.find((x) => x.kind === k)?.label);
  return (
    <>
      {offerExisting && state.mode !== 'pipeline' ? (
        <Field label={t('system.source')}>
          <RadioGroup value={s.source} onChange={(_, d) => dispatch({ type: 'side', side, patch: { source: d.value as 'new' | 'existing' } })}>
            <Radio value="new" label={t('system.sourceNew')} />
            <Radio value="existing" label={t('system.sourceExisting')} />
          </RadioGroup>
        </Field>
      ) : null}
      {s.source === 'new' ? (
        <>
          <Field label={t('system.kind')} required>
            <RadioGroup value={s.kind ?? ''} onChange={(_, d) => dispatch({ type: 'side', side, patch: { kind: d.value } })}>
              {state.kinds.map((k) => (
                <Radio key={k.kind} value={k.kind} label={kt.label(k.kind, k.label)} />
              ))}
            </RadioGroup>
          </Field>
          {kind ? <NeedsChecklist kind={kind} ticked={s.ticked} onChange={(ticked) => dispatch({ type: 'side', side, patch: { ticked } })} /> : null}
        </>
      ) : existing.length === 0 ? (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            {t('system.noConnections')} <Link href={href('setup', 'connection')}>{t('system.addConnection')}</Link>
          </MessageBarBody>
        </MessageBar>
      ) : (
        <Field label={t('system.connection')} required>
          <Select value={s.existing ?? ''} onChange={(_, d) => dispatch({ type: 'side', side, patch: { existing: d.value || null } })}>
            <option value="">{t('system.chooseConnection')}</option>
            {existing.map((c) => (
              <option key={c.id} value={c.name}>
                {t('system.connectionOption', { name: c.name, kind: kindLabel(c.kind), health: t(`common:health.${c.health}`) })}
              </option>
            ))}
          </Select>
        </Field>
      )}
    </>
  );
}
