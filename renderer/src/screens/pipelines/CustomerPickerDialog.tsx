import { Button, Combobox, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, makeStyles, Option, Spinner, Text } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Pipeline } from '../../../../shared/model.js';
import { useOp } from '../../api/hooks.js';
import { ErrorBox } from '../../components/ErrorBox.js';
import { useStartRun } from './live-run-store.js';

const useStyles = makeStyles({ content: { display: 'grid', gap: '12px' } });

/** The value after it stopped changing for `ms` (search-as-you-type without a request per key). */
function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

/** "Sync one customer": search the pipeline's linked customers by name, number or id, then run for that one. */
export function CustomerPickerDialog({ pipeline: p, onClose }: { pipeline: Pipeline; onClose: () => void }) {
  const s = useStyles();
  const { t } = useTranslation('pipelines');
  const { start } = useStartRun();
  const [text, setText] = useState('');
  const [chosen, setChosen] = useState<{ leftId: string; label: string } | null>(null);
  const query = useDebounced(text.trim(), 250);
  const found = useOp('customers.search', { pipeline: p.name, query, limit: 50 });
  const choices = found.data ?? [];
  const run = () => {
    if (!chosen) return;
    start(p, { customer: chosen });
    onClose();
  };
  return (
    <Dialog open onOpenChange={(_, d) => (d.open ? undefined : onClose())}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{t('customer.title', { name: p.name })}</DialogTitle>
          <DialogContent className={s.content}>
            <Text block>{t('customer.description')}</Text>
            <Field label={t('customer.label')} hint={t('customer.hint')}>
              <Combobox
                freeform
                value={text}
                selectedOptions={chosen ? [chosen.leftId] : []}
                placeholder={t('customer.placeholder')}
                onChange={(e) => {
                  setText(e.target.value);
                  setChosen(null);
                }}
                onOptionSelect={(_, d) => {
                  const c = choices.find((x) => x.leftId === d.optionValue);
                  setChosen(c ? { leftId: c.leftId, label: c.label } : null);
                  if (c) setText(c.label);
                }}
                data-testid="customer-picker"
              >
                {choices.map((c) => (
                  <Option key={c.leftId} value={c.leftId} text={c.label}>
                    {c.label}
                  </Option>
                ))}
                {found.data && choices.length === 0 ? (
                  <Option disabled value="" text="">
                    {query ? t('customer.noMatch') : t('customer.noneLinked')}
                  </Option>
                ) : null}
              </Combobox>
            </Field>
            {found.isFetching ? <Spinner size="tiny" label={t('customer.searching')} /> : null}
            {found.error ? <ErrorBox error={found.error} testId="customer-picker-error" /> : null}
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" disabled={!chosen} onClick={run} data-testid="customer-picker-start">
              {t('customer.start')}
            </Button>
            <Button onClick={onClose}>{t('common:actions.cancel')}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
