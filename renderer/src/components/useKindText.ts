import { useTranslation } from 'react-i18next';

/**
 * A connector kind's texts in the window's language (`wizard:kinds.<kind>.label` and `.needs.<i>`). A translation is
 * used only while its English text is still the backend's, so a label or need the backend changed shows the backend's
 * text rather than the translation of something else (test/renderer/kinds-texts.test.ts keeps them in step).
 */
export function useKindText() {
  const { t } = useTranslation('wizard');
  const text = (key: string, backend: string) => (t(key, { lng: 'en', defaultValue: '' }) === backend ? t(key, { defaultValue: backend }) : backend);
  return {
    /** The kind's label; the kind's id when the backend gave no label (an unknown kind). */
    label: (kind: string, backend: string | undefined) => (backend === undefined ? kind : text(`kinds.${kind}.label`, backend)),
    /** The i-th need of the kind's "what to gather first" checklist. */
    need: (kind: string, i: number, backend: string) => text(`kinds.${kind}.needs.${i}`, backend),
  };
}
