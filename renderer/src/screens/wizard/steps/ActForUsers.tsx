import { makeStyles, MessageBar, MessageBarBody, Subtitle2, Switch, Text, tokens } from '@fluentui/react-components';
import { Info16Regular } from '@fluentui/react-icons';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { currentUsersProblem, kindOf, sideName, USER_BOOKS_OPTION, usersOptionMissing, type UsersProblem } from '../derive.js';
import type { StepProps } from '../types.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '8px', padding: '12px 16px', border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, backgroundColor: tokens.colorNeutralBackground1 },
  text: { color: tokens.colorNeutralForeground2, maxWidth: '75ch' },
  why: { display: 'flex', gap: '4px', alignItems: 'flex-start', color: tokens.colorNeutralForeground2 },
  icon: { flexShrink: 0, marginTop: '2px' },
});

/**
 * "Act for each user" (seed 001): offered only where both systems know users and one lists them (a CRM);
 * otherwise shown switched off and disabled, with why. Its value goes into pipelines.create as `actForUsers`.
 */
export function ActForUsers({ state, dispatch }: StepProps) {
  const s = useStyles();
  const { t, i18n } = useTranslation('wizard');
  const textId = useId();
  const whyId = useId();
  const problem = currentUsersProblem(state);
  const on = state.pipeline.actForUsers && !problem;
  const list = (items: string[]) => new Intl.ListFormat(i18n.language === 'de' ? 'de' : 'en', { type: 'conjunction' }).format(items);
  const why = (p: UsersProblem) => (p.reason === 'unsupported' ? t('flows.users.unsupported', { count: p.systems.length, systems: list(p.systems) }) : t('flows.users.noDirectory'));
  const perUser = (['left', 'right'] as const).filter((side) => kindOf(state, side)?.users === 'per-user');
  const missing = usersOptionMissing(state);
  return (
    <div className={s.root} data-testid="flows-act-for-users">
      <Subtitle2 as="h3">{t('flows.users.title')}</Subtitle2>
      <Switch
        checked={on}
        disabled={!!problem}
        label={t('flows.users.label')}
        aria-describedby={problem ? `${textId} ${whyId}` : textId}
        onChange={(_, d) => dispatch({ type: 'actForUsers', value: d.checked })}
        data-testid="act-for-users"
      />
      <Text id={textId} className={s.text} size={200}>
        {t('flows.users.text')}
      </Text>
      {problem ? (
        <span className={s.why} id={whyId} data-testid="act-for-users-why">
          <Info16Regular className={s.icon} aria-hidden />
          <Text size={200}>
            {t('flows.notPossible')} {why(problem)}
          </Text>
        </span>
      ) : null}
      {!problem && perUser.length
        ? perUser.map((side) => {
            const field = kindOf(state, side)?.options.find((o) => o.key === USER_BOOKS_OPTION);
            return (
              <Text key={side} className={s.text} size={200} data-testid={`act-for-users-per-user-${side}`}>
                {t('flows.users.perUser', { system: sideName(state, side), option: field?.label ?? USER_BOOKS_OPTION })}
              </Text>
            );
          })
        : null}
      {on && missing.length
        ? missing.map(({ side, field }) => (
            <MessageBar key={side} intent="warning" layout="multiline" data-testid={`act-for-users-option-${side}`}>
              <MessageBarBody>{t('flows.users.optionMissing', { system: sideName(state, side), option: field.label })}</MessageBarBody>
            </MessageBar>
          ))
        : null}
    </div>
  );
}
