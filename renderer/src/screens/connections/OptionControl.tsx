import { Field, Input, makeStyles, Radio, RadioGroup, Select } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { OptionField } from '../../../../shared/contract.js';

const useStyles = makeStyles({ field: { maxWidth: '640px' } });

/** At most this many choices are radio buttons (all visible at once); more become a drop-down. */
const RADIO_MAX = 4;

/**
 * One connection option: radio buttons (or a drop-down) for a choice, a text input otherwise. Label, hint and choice
 * texts come from `connections:options.<kind>.<key>.*`, then `connections:options.http.<key>.*` (the options every
 * kind has: proxy, parallel requests, TLS), falling back to what the backend says (a kind the window has no texts
 * for still gets a usable form).
 */
export function OptionControl({ kind, field: f, value, problem, onChange }: { kind: string; field: OptionField; value: string; problem?: string; onChange: (value: string) => void }) {
  const s = useStyles();
  const { t } = useTranslation('connections');
  const base = `options.${kind}.${f.key}`;
  const shared = `options.http.${f.key}`;
  const label = t(`${base}.label`, { defaultValue: t(`${shared}.label`, { defaultValue: f.label }) });
  const hint = t(`${base}.description`, { defaultValue: t(`${shared}.description`, { defaultValue: f.description }) });
  const choice = (c: string) => t(`${base}.choices.${c}`, { defaultValue: t(`options.choice.${c}`, { defaultValue: c }) });
  const testId = `option-${f.key}`;
  const field = { className: s.field, label, hint, validationState: problem ? ('error' as const) : ('none' as const), validationMessage: problem };
  if (f.choices && f.choices.length <= RADIO_MAX) {
    return (
      <Field {...field}>
        <RadioGroup value={value} onChange={(_, d) => onChange(d.value)} data-testid={testId}>
          {f.choices.map((c) => (
            <Radio key={c} value={c} label={choice(c)} data-testid={`${testId}-${c}`} />
          ))}
        </RadioGroup>
      </Field>
    );
  }
  if (f.choices) {
    return (
      <Field {...field}>
        <Select value={value} onChange={(_, d) => onChange(d.value)} data-testid={testId}>
          {f.choices.map((c) => (
            <option key={c} value={c}>
              {choice(c)}
            </option>
          ))}
        </Select>
      </Field>
    );
  }
  return (
    <Field {...field}>
      <Input value={value} placeholder={f.default} autoComplete="off" spellCheck={false} onChange={(_, d) => onChange(d.value)} data-testid={testId} />
    </Field>
  );
}
