import { useTranslation } from 'react-i18next';

/** Dates, times and numbers in the user's language (de-DE or en-GB style), relative times for "5 min ago". */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'de' ? 'de-DE' : 'en-GB';
  const dt = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const num = new Intl.NumberFormat(locale);
  const rel = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  return {
    locale,
    dateTime: (iso: string | null | undefined) => (iso ? dt.format(new Date(iso)) : '—'),
    number: (n: number) => num.format(n),
    relative: (iso: string | null | undefined, now = Date.now()) => {
      if (!iso) return '—';
      const s = Math.round((new Date(iso).getTime() - now) / 1000);
      const a = Math.abs(s);
      if (a < 60) return rel.format(s, 'second');
      if (a < 3600) return rel.format(Math.round(s / 60), 'minute');
      if (a < 86400) return rel.format(Math.round(s / 3600), 'hour');
      return rel.format(Math.round(s / 86400), 'day');
    },
  };
}
