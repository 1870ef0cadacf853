import { useTranslation } from 'react-i18next';
import { isHintId, splitHint, type HintPart } from '../../../shared/hints.js';

/** What the UI gets of an error's hint: the English text Ferry sent and, when Ferry named it, its hint id. */
export interface HintSource {
  hint: string;
  hintId?: unknown;
  hintParams?: unknown;
}

const isStringRecord = (v: unknown): v is Record<string, string> =>
  !!v && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string');

/**
 * A hint in the UI's language. The shared hints (shared/errors.ts `hints`, `hintTemplates`) are shown from the
 * locale's `common:hints.<id>`, with their values (a connection name, a fingerprint) filled in; any other text
 * stays as Ferry sent it, so `${hints.auth} The user must be active …` translates the part we know. The parts are
 * found in the text itself as well, so hints without a hintId (a connection test's result, a run error read
 * back from the database, an error from the HTTP transport) translate too.
 */
export function useHintText(): (e: HintSource) => string {
  const { t, i18n } = useTranslation('common');
  const show = (p: HintPart): string =>
    p.kind === 'hint' && i18n.exists(`hints.${p.id}`, { ns: 'common' }) ? t(`hints.${p.id}`, { ...p.params, interpolation: { escapeValue: false } }) : p.text;
  return (e) => {
    if (!e.hint && !isHintId(e.hintId)) return '';
    let parts = splitHint(e.hint);
    const first = parts[0];
    if (isHintId(e.hintId) && !(first?.kind === 'hint' && first.id === e.hintId)) {
      // Ferry named the hint but sent an English text this UI does not know (another Ferry version): the translation stands for it.
      parts = [{ kind: 'hint', id: e.hintId, params: isStringRecord(e.hintParams) ? e.hintParams : {}, text: e.hint }];
    }
    return parts.map(show).join('');
  };
}
