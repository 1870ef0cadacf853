// Every screen has its own namespace file per language; a test checks that German and English have the same keys.
import commonDe from './locales/de/common.json';
import commonEn from './locales/en/common.json';
import connectionsDe from './locales/de/connections.json';
import connectionsEn from './locales/en/connections.json';
import conflictsDe from './locales/de/conflicts.json';
import conflictsEn from './locales/en/conflicts.json';
import pipelinesDe from './locales/de/pipelines.json';
import pipelinesEn from './locales/en/pipelines.json';
import runsDe from './locales/de/runs.json';
import runsEn from './locales/en/runs.json';
import settingsDe from './locales/de/settings.json';
import settingsEn from './locales/en/settings.json';
import statusDe from './locales/de/status.json';
import statusEn from './locales/en/status.json';
import wizardDe from './locales/de/wizard.json';
import wizardEn from './locales/en/wizard.json';

export const namespaces = ['common', 'wizard', 'connections', 'pipelines', 'status', 'runs', 'conflicts', 'settings'] as const;

export const resources = {
  en: { common: commonEn, wizard: wizardEn, connections: connectionsEn, pipelines: pipelinesEn, status: statusEn, runs: runsEn, conflicts: conflictsEn, settings: settingsEn },
  de: { common: commonDe, wizard: wizardDe, connections: connectionsDe, pipelines: pipelinesDe, status: statusDe, runs: runsDe, conflicts: conflictsDe, settings: settingsDe },
} as const;
