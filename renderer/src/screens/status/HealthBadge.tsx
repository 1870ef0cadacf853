import { Badge, type BadgeProps } from '@fluentui/react-components';
import { CheckmarkCircle16Regular, DismissCircle16Regular, Key16Regular, QuestionCircle16Regular, SubtractCircle16Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { Connection } from '../../../../shared/model.js';

const look: Record<Connection['health'], { color: BadgeProps['color']; icon: React.ReactElement }> = {
  ok: { color: 'success', icon: <CheckmarkCircle16Regular /> },
  untested: { color: 'informative', icon: <QuestionCircle16Regular /> },
  error: { color: 'danger', icon: <DismissCircle16Regular /> },
  'needs-credentials': { color: 'warning', icon: <Key16Regular /> },
  disabled: { color: 'subtle', icon: <SubtractCircle16Regular /> },
};

/** A connection's health: icon and words, not colour alone. */
export function HealthBadge({ health, testId }: { health: Connection['health']; testId?: string }) {
  const { t } = useTranslation('common');
  const l = look[health];
  return (
    <Badge appearance="tint" color={l.color} icon={l.icon} data-testid={testId} data-health={health}>
      {t(`health.${health}`)}
    </Badge>
  );
}
