import { Badge, type BadgeProps } from '@fluentui/react-components';
import { CheckmarkCircle16Regular, DismissCircle16Regular, Warning16Regular, ArrowSync16Regular, Eye16Regular, Pause16Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { RunStatus } from '../../../../shared/model.js';

const look: Record<RunStatus, { color: BadgeProps['color']; icon: React.ReactElement }> = {
  ok: { color: 'success', icon: <CheckmarkCircle16Regular /> },
  partial: { color: 'warning', icon: <Warning16Regular /> },
  failed: { color: 'danger', icon: <DismissCircle16Regular /> },
  stopped: { color: 'warning', icon: <Pause16Regular /> },
  running: { color: 'brand', icon: <ArrowSync16Regular /> },
  'dry-run': { color: 'informative', icon: <Eye16Regular /> },
};

/** A run's result as a badge: icon and words, not colour alone. */
export function RunStatusBadge({ status, testId }: { status: RunStatus; testId?: string }) {
  const { t } = useTranslation('common');
  const l = look[status];
  return (
    <Badge appearance="tint" color={l.color} icon={l.icon} data-testid={testId} data-status={status}>
      {t(`runStatus.${status}`)}
    </Badge>
  );
}
