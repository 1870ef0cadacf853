import { Combobox, Field, Option } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { matchZones, timeZones } from './time-zones.js';

/** A searchable IANA time zone field (type "Berlin" to find Europe/Berlin). Used by settings and pipelines. */
export function TimeZonePicker({ label, hint, value, onChange, testId }: { label: string; hint?: string; value: string; onChange: (zone: string) => void; testId?: string }) {
  const { t } = useTranslation('settings');
  const zones = useMemo(() => {
    const z = timeZones();
    return z.includes(value) || !value ? z : [value, ...z];
  }, [value]);
  const [text, setText] = useState(value);
  const [typing, setTyping] = useState(false);
  const shown = matchZones(zones, typing ? text : '', typing ? 50 : zones.length);
  return (
    <Field label={label} hint={hint}>
      <Combobox
        value={typing ? text : value}
        selectedOptions={value ? [value] : []}
        onChange={(e) => {
          setTyping(true);
          setText(e.target.value);
        }}
        onOptionSelect={(_, d) => {
          setTyping(false);
          if (d.optionValue) onChange(d.optionValue);
        }}
        onBlur={() => setTyping(false)}
        data-testid={testId}
      >
        {shown.map((z) => (
          <Option key={z} value={z}>
            {z}
          </Option>
        ))}
        {shown.length === 0 ? (
          <Option disabled value="" text="">
            {t('timeZoneNoMatch')}
          </Option>
        ) : null}
      </Combobox>
    </Field>
  );
}
