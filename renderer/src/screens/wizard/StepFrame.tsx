import { makeStyles, Text, typographyStyles } from '@fluentui/react-components';
import { useEffect, useRef, type ReactNode } from 'react';
import type { StepRef } from './state.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '16px' },
  heading: { ...typographyStyles.title3, margin: 0, outline: 'none' },
});

/**
 * One step: its container (data-testid wizard-step-<id>, data-side) and its heading, which takes the focus after
 * Next or Back so keyboard and screen-reader users land on the new step.
 */
export function StepFrame({ step, title, intro, focus, children }: { step: StepRef; title: string; intro?: ReactNode; focus: boolean; children: ReactNode }) {
  const s = useStyles();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) heading.current?.focus();
  }, [focus]);
  return (
    <section className={s.root} data-testid={`wizard-step-${step.id}`} data-side={step.side ?? undefined}>
      <h2 ref={heading} tabIndex={-1} className={s.heading}>
        {title}
      </h2>
      {intro ? <Text as="p">{intro}</Text> : null}
      {children}
    </section>
  );
}
