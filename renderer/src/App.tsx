import { makeStyles, Spinner, Tab, TabList, Text, tokens } from '@fluentui/react-components';
import { AlertUrgent24Regular, ArrowSync24Regular, Board24Regular, PlugConnected24Regular, Settings24Regular, Wand24Regular } from '@fluentui/react-icons';
import { lazy, Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useRefreshOnRunEnd } from './api/context.js';
import { useOp } from './api/hooks.js';
import { navigate, useRoute, type Route } from './router.js';
import { StatusScreen } from './screens/status/StatusScreen.js';

// The home screen is in the first bundle; every other screen loads when first opened.
const ConflictsScreen = lazy(() => import('./screens/conflicts/ConflictsScreen.js').then((m) => ({ default: m.ConflictsScreen })));
const ConnectionsScreen = lazy(() => import('./screens/connections/ConnectionsScreen.js').then((m) => ({ default: m.ConnectionsScreen })));
const PipelinesScreen = lazy(() => import('./screens/pipelines/PipelinesScreen.js').then((m) => ({ default: m.PipelinesScreen })));
const RunDetailScreen = lazy(() => import('./screens/runs/RunDetailScreen.js').then((m) => ({ default: m.RunDetailScreen })));
const SettingsScreen = lazy(() => import('./screens/settings/SettingsScreen.js').then((m) => ({ default: m.SettingsScreen })));
const SetupWizard = lazy(() => import('./screens/wizard/SetupWizard.js').then((m) => ({ default: m.SetupWizard })));

const useStyles = makeStyles({
  root: { display: 'flex', minHeight: '100vh', backgroundColor: tokens.colorNeutralBackground2 },
  nav: { width: '220px', flexShrink: 0, padding: '16px 8px', backgroundColor: tokens.colorNeutralBackground1, borderRight: `1px solid ${tokens.colorNeutralStroke2}`, display: 'flex', flexDirection: 'column', gap: '12px' },
  brand: { padding: '0 12px' },
  main: { flexGrow: 1, padding: '24px 32px', minWidth: 0 },
});

const navItems: { screen: Route['screen']; icon: React.ReactElement }[] = [
  { screen: 'status', icon: <Board24Regular /> },
  { screen: 'connections', icon: <PlugConnected24Regular /> },
  { screen: 'pipelines', icon: <ArrowSync24Regular /> },
  { screen: 'conflicts', icon: <AlertUrgent24Regular /> },
  { screen: 'settings', icon: <Settings24Regular /> },
  { screen: 'setup', icon: <Wand24Regular /> },
];

export function App() {
  const s = useStyles();
  const { t } = useTranslation('common');
  const route = useRoute();
  useRefreshOnRunEnd();
  const connections = useOp('connections.list', {});
  // First start: nothing configured yet → the setup wizard.
  const redirected = useRef(false);
  useEffect(() => {
    if (!redirected.current && connections.data && connections.data.length === 0 && route.screen === 'status') {
      redirected.current = true;
      navigate('setup');
    }
  }, [connections.data, route.screen]);
  const selected = route.screen === 'runs' ? 'status' : route.screen;
  return (
    <div className={s.root}>
      <nav className={s.nav} aria-label={t('nav.main')}>
        <div className={s.brand}>
          <Text as="p" block size={500} weight="semibold">{t('app.name')}</Text>
          <Text as="p" block size={200}>{t('app.tagline')}</Text>
        </div>
        <TabList vertical selectedValue={selected} onTabSelect={(_, d) => navigate(d.value as Route['screen'])}>
          {navItems.map((n) => (
            <Tab key={n.screen} value={n.screen} icon={n.icon} data-testid={`nav-${n.screen}`}>
              {t(`nav.${n.screen}`)}
            </Tab>
          ))}
        </TabList>
      </nav>
      <main className={s.main}>
        <Suspense fallback={<Spinner label={t('state.loading')} />}>
          <Screen route={route} />
        </Suspense>
      </main>
    </div>
  );
}

function Screen({ route }: { route: Route }) {
  switch (route.screen) {
    case 'connections':
      return <ConnectionsScreen params={route.params} />;
    case 'pipelines':
      return <PipelinesScreen params={route.params} />;
    case 'runs':
      return <RunDetailScreen params={route.params} />;
    case 'conflicts':
      return <ConflictsScreen params={route.params} />;
    case 'settings':
      return <SettingsScreen params={route.params} />;
    case 'setup':
      return <SetupWizard params={route.params} />;
    default:
      return <StatusScreen params={route.params} />;
  }
}
