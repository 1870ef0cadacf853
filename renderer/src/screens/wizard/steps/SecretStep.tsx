import { Badge, Field, Input, makeStyles, Text } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { SideStepProps } from '../types.js';

const useStyles = makeStyles({ root: { display: 'flex', flexDirection: 'column', gap: '12px', maxWidth: '640px' } });

/** Step 3: the password or API key. Stored in the keychain by the backend; afterwards the UI only knows "set". */
export function SecretStep({ state, dispatch, side }: SideStepProps) {
  const s = useStyles();
  const { t } = useTranslation('wizard');
  const v = state[side];
  const kind = state.kinds.find((k) => k.kind === v.kind);
  const secretName = kind?.secretNames[0] ?? 'password';
  const what = t(`secret.names.${secretName}`, { defaultValue: secretName });
  // Stored for this very system: the field may stay empty (keep it) or take a new one.
  const stored = !!v.saved && v.saved.kind === v.kind;
  return (
    <div className={s.root}>
      <Text as="p">{t('secret.keychain')}</Text>
      {stored ? (
        <div data-testid="secret-state">
          <Text>{t('secret.stored', { what, name: v.saved?.name })}</Text> <Badge appearance="tint" color="success">{t('common:state.set')}</Badge>
        </div>
      ) : null}
      <Field label={stored ? t(`secret.newNames.${secretName}`, { defaultValue: what }) : what} hint={stored ? t('secret.keepHint') : undefined} required={!stored}>
        <Input type="password" autoComplete="new-password" value={v.secret} onChange={(_, d) => dispatch({ type: 'side', side, patch: { secret: d.value } })} />
      </Field>
      <Text as="p">{stored ? t('secret.whenStoredNext') : t('secret.whenNext', { name: v.name.trim() })}</Text>
    </div>
  );
}
