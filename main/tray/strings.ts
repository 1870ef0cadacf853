// Every text the tray shows (menu, tooltip, native notifications), in English and German. Plain Node: the Electron
// shell only renders what main/tray/menu.ts and main/tray/notifications.ts build from these strings.

export type Language = 'en' | 'de';

export const strings = {
  'state.idle': { en: 'Ferry: all in sync', de: 'Ferry: alles synchron' },
  'state.syncing': { en: 'Ferry: syncing…', de: 'Ferry: synchronisiert …' },
  'state.attention': { en: 'Ferry: needs attention', de: 'Ferry: braucht Aufmerksamkeit' },
  'state.paused': { en: 'Ferry: paused', de: 'Ferry: pausiert' },
  'state.starting': { en: 'Ferry: starting…', de: 'Ferry: startet …' },
  'state.unreachable': { en: 'Ferry: engine not reachable ({message})', de: 'Ferry: Sync-Dienst nicht erreichbar ({message})' },

  'menu.syncAll': { en: 'Sync all now', de: 'Alle jetzt synchronisieren' },
  'menu.noPipelines': { en: 'No pipelines yet', de: 'Noch keine Pipelines' },
  'menu.pipeline': { en: '{name}', de: '{name}' },
  'menu.pipelinePaused': { en: '{name} (paused)', de: '{name} (pausiert)' },
  'menu.pipelineSyncing': { en: '{name} (syncing…)', de: '{name} (synchronisiert …)' },
  'menu.syncNow': { en: 'Sync now', de: 'Jetzt synchronisieren' },
  'menu.syncing': { en: 'Syncing…', de: 'Synchronisiert …' },
  'menu.lastNever': { en: 'Last: never', de: 'Zuletzt: noch nie' },
  'menu.last': { en: 'Last: {status}, {ago}', de: 'Zuletzt: {status}, {ago}' },
  'menu.conflicts.one': { en: '1 conflict needs a decision…', de: '1 Konflikt braucht eine Entscheidung …' },
  'menu.conflicts.other': { en: '{count} conflicts need a decision…', de: '{count} Konflikte brauchen eine Entscheidung …' },
  'menu.pauseAll': { en: 'Pause all', de: 'Alle pausieren' },
  'menu.resumeAll': { en: 'Resume all', de: 'Alle fortsetzen' },
  'menu.open': { en: 'Open Ferry', de: 'Ferry öffnen' },
  'menu.openLogs': { en: 'Open log folder', de: 'Protokollordner öffnen' },
  'menu.quit': { en: 'Quit', de: 'Beenden' },

  'run.ok': { en: 'ok', de: 'OK' },
  'run.partial': { en: 'partly failed', de: 'teilweise fehlgeschlagen' },
  'run.failed': { en: 'failed', de: 'fehlgeschlagen' },
  'run.stopped': { en: 'stopped', de: 'abgebrochen' },
  'run.running': { en: 'running', de: 'läuft' },
  'run.dry-run': { en: 'dry run', de: 'Probelauf' },

  'ago.now': { en: 'just now', de: 'gerade eben' },
  'ago.minutes': { en: '{n} min ago', de: 'vor {n} Min.' },
  'ago.hours': { en: '{n} h ago', de: 'vor {n} Std.' },
  'ago.days.one': { en: '1 day ago', de: 'vor 1 Tag' },
  'ago.days.other': { en: '{n} days ago', de: 'vor {n} Tagen' },

  'notify.runFailed.title': { en: 'Sync failed: {pipeline}', de: 'Synchronisierung fehlgeschlagen: {pipeline}' },
  'notify.runFailed.body': { en: '{message} Open Ferry for details.', de: '{message} Details in Ferry.' },
  'notify.runPartial.title': { en: 'Sync partly failed: {pipeline}', de: 'Synchronisierung teilweise fehlgeschlagen: {pipeline}' },
  'notify.runPartial.body.one': { en: '1 record could not be synced. Open Ferry for details.', de: '1 Datensatz konnte nicht synchronisiert werden. Details in Ferry.' },
  'notify.runPartial.body.other': { en: '{count} records could not be synced. Open Ferry for details.', de: '{count} Datensätze konnten nicht synchronisiert werden. Details in Ferry.' },
  'notify.conflicts.title': { en: 'Conflicts need a decision: {pipeline}', de: 'Konflikte brauchen eine Entscheidung: {pipeline}' },
  'notify.conflicts.body.one': { en: '1 record was changed on both sides. Decide in the conflict inbox.', de: '1 Datensatz wurde auf beiden Seiten geändert. Entscheiden Sie im Konflikt-Eingang.' },
  'notify.conflicts.body.other': { en: '{count} records were changed on both sides. Decide in the conflict inbox.', de: '{count} Datensätze wurden auf beiden Seiten geändert. Entscheiden Sie im Konflikt-Eingang.' },
  'notify.connectionError.title': { en: 'Connection broken: {name}', de: 'Verbindung gestört: {name}' },
  'notify.connectionError.body': { en: 'Ferry cannot use the connection "{name}". Test it in Ferry to see why.', de: 'Ferry kann die Verbindung „{name}“ nicht nutzen. Testen Sie sie in Ferry, um den Grund zu sehen.' },
  'notify.connectionCredentials.title': { en: 'Connection needs credentials: {name}', de: 'Verbindung braucht Zugangsdaten: {name}' },
  'notify.connectionCredentials.body': {
    en: 'The secret of "{name}" is missing from the keychain of the account running Ferry. Set it in Ferry.',
    de: 'Das Geheimnis von „{name}“ fehlt im Schlüsselbund des Kontos, unter dem Ferry läuft. Hinterlegen Sie es in Ferry.',
  },
  'notify.startFailed.title': { en: 'Sync could not start: {pipeline}', de: 'Synchronisierung konnte nicht starten: {pipeline}' },
  'notify.startFailed.body': { en: '{message} {hint}', de: '{message} {hint}' },
} as const satisfies Record<string, { en: string; de: string }>;

export type StringKey = keyof typeof strings;
export type Vars = Record<string, string | number>;
/** Translates one key, filling `{name}` placeholders from `vars` (a missing variable stays visible as `{name}`). */
export type Translate = (key: StringKey, vars?: Vars) => string;

export function translator(language: Language): Translate {
  return (key, vars = {}) => strings[key][language].replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** The setting's language; 'system' follows the OS: German for any de-* locale, else English. */
export function resolveLanguage(setting: 'system' | 'de' | 'en' | undefined, osLocale: string): Language {
  if (setting === 'de' || setting === 'en') return setting;
  return /^de(?:[-_]|$)/i.test(osLocale) ? 'de' : 'en';
}

/** "5 min ago" / "vor 5 Min.": whole minutes, hours below a day, then days. A time in the future counts as now. */
export function formatAgo(at: Date, now: Date, t: Translate): string {
  const minutes = Math.floor((now.getTime() - at.getTime()) / 60_000);
  if (minutes < 1) return t('ago.now');
  if (minutes < 60) return t('ago.minutes', { n: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return t('ago.hours', { n: hours });
  const days = Math.floor(hours / 24);
  return days === 1 ? t('ago.days.one') : t('ago.days.other', { n: days });
}
