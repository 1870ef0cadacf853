import { Body1, Card, makeStyles, Subtitle2, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  card: { marginBottom: '16px', padding: '16px 20px', gap: '12px' },
  desc: { color: tokens.colorNeutralForeground2, maxWidth: '75ch' },
});

/** A titled card (h2) for one part of a detail screen; used by connections, pipelines and settings. */
export function Section({ title, description, children, testId }: { title: string; description?: ReactNode; children: ReactNode; testId?: string }) {
  const s = useStyles();
  return (
    <Card className={s.card} data-testid={testId}>
      <Subtitle2 as="h2">{title}</Subtitle2>
      {description ? <Body1 className={s.desc}>{description}</Body1> : null}
      {children}
    </Card>
  );
}
