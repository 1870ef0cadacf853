import { Badge } from '@fluentui/react-components';
import { CheckmarkCircle16Regular, DismissCircle16Regular, KeyMultiple16Regular, QuestionCircle16Regular, SubtractCircle16Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { healthColor, type Health } from './connection-logic.js';

const icons: Record<Health, React.ReactElement> = {
  ok: <CheckmarkCircle16Regular />,
  untested: <QuestionCircle16Regular />,
  error: <DismissCircle16Regular />,
  'needs-credentials': <KeyMultiple16Regular />,
  disabled: <SubtractCircle16Regular />,
};

/** The connection's health as a badge with icon and text (never colour alone). */
export function HealthBadge({ health }: { health: Health }) {
  const { t } = useTranslation('common');
  return (
    <Badge appearance="tint" color={healthColor[health]} icon={icons[health]} data-health={health}>
      {t(`health.${health}`)}
    </Badge>
  );
}
