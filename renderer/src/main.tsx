import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { FerryBridge } from '../../shared/bridge.js';
import { resolveBridge } from './api/client.js';
import { Root } from './Root.js';

const api = resolveBridge(window as Window & { ferry?: FerryBridge });
const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: true, staleTime: 2_000 } } });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <FluentProvider theme={webLightTheme}>
      <QueryClientProvider client={queryClient}>
        <Root api={api} />
      </QueryClientProvider>
    </FluentProvider>
  </StrictMode>,
);
