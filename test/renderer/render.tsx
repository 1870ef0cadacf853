// Renders a screen as the app does (Fluent UI, TanStack Query, i18next) against an in-memory FerryBridge.
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { FerryBridge } from '../../shared/bridge.js';
import type { OpInput, OpOutput, OperationName } from '../../shared/contract.js';
import type { ProgressEvent } from '../../shared/progress.js';
import { ApiError } from '../../renderer/src/api/client.js';
import { ApiProvider } from '../../renderer/src/api/context.js';
import { createI18n, type Language } from '../../renderer/src/i18n/index.js';

export type Handlers = { [K in OperationName]?: (input: OpInput<K>) => OpOutput<K> | Promise<OpOutput<K>> };

/** A bridge whose operations are the given handlers; an operation without one fails like a missing route would. */
export function fakeBridge(handlers: Handlers): FerryBridge & { calls: { op: string; input: unknown }[]; emit(e: ProgressEvent): void } {
  const calls: { op: string; input: unknown }[] = [];
  const listeners = new Set<(e: ProgressEvent) => void>();
  const target = {
    calls,
    onProgress: (l: (e: ProgressEvent) => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    emit: (e: ProgressEvent) => {
      for (const l of listeners) l(e);
    },
  };
  return new Proxy(target, {
    get(t, prop) {
      if (prop in t) return (t as Record<string | symbol, unknown>)[prop];
      if (typeof prop !== 'string') return undefined;
      return async (input: unknown) => {
        calls.push({ op: prop, input });
        const h = (handlers as Record<string, ((i: unknown) => unknown) | undefined>)[prop];
        if (!h) throw new ApiError('not-found', `no handler for ${prop}`, 'test');
        return h(input);
      };
    },
  }) as unknown as FerryBridge & { calls: { op: string; input: unknown }[]; emit(e: ProgressEvent): void };
}

export function renderWithApp(ui: ReactElement, api: FerryBridge, lang: Language = 'en') {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const i18n = createI18n(lang);
  return render(
    <FluentProvider theme={webLightTheme}>
      <QueryClientProvider client={qc}>
        <ApiProvider api={api}>
          <I18nextProvider i18n={i18n}>{ui}</I18nextProvider>
        </ApiProvider>
      </QueryClientProvider>
    </FluentProvider>,
  );
}
