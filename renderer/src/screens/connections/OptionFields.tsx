import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, makeStyles } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { OptionField } from '../../../../shared/contract.js';
import { OptionControl } from './OptionControl.js';
import { isConfirmation, optionSet, optionValue, type OptionValues } from './option-logic.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px' },
  panel: { display: 'flex', flexDirection: 'column', gap: '12px', paddingTop: '8px', paddingBottom: '8px' },
});

/**
 * A connection's options, for the setup wizard and the connection's settings: write confirmations always in view
 * (seed 000: devices into c-entron need one), everything else under "Advanced options" — opened from the start
 * when one of them is set. `problems`: a message per option key.
 */
export function OptionFields({ kind, fields, values, onChange, problems = {} }: { kind: string; fields: readonly OptionField[]; values: OptionValues; onChange: (key: string, value: string) => void; problems?: Record<string, string> }) {
  const s = useStyles();
  const { t } = useTranslation('connections');
  if (fields.length === 0) return null;
  const main = fields.filter(isConfirmation);
  const advanced = fields.filter((f) => !isConfirmation(f));
  const control = (f: OptionField) => <OptionControl key={f.key} kind={kind} field={f} value={optionValue(f, values)} problem={problems[f.key]} onChange={(v) => onChange(f.key, v)} />;
  const open = advanced.some((f) => optionSet(f, values) || problems[f.key]);
  return (
    <div className={s.root} data-testid="connection-options">
      {main.map(control)}
      {advanced.length ? (
        <Accordion collapsible defaultOpenItems={open ? ['advanced'] : []}>
          <AccordionItem value="advanced">
            <AccordionHeader data-testid="options-advanced">{t('options.advanced')}</AccordionHeader>
            <AccordionPanel className={s.panel}>{advanced.map(control)}</AccordionPanel>
          </AccordionItem>
        </Accordion>
      ) : null}
    </div>
  );
}
