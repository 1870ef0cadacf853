import { afterEach, expect } from 'vitest';
import { centronFactory, CentronOptions } from '../../main/connectors/centron/index.js';
import type { Connector, Logger } from '../../main/connectors/types.js';
import { FerryError } from '../../shared/errors.js';
import { startCentronSimulator, type CentronSimulator, type CentronSimulatorOptions } from '../simulators/centron/server.js';

/**
 * What the c-entron connector tests share: simulators and connectors made per test and stopped after it, a logger
 * that keeps warnings, and `rejection` for expected FerryErrors. Call once at the top of a test file.
 */
export function centronFixture() {
  const warnings: Record<string, unknown>[] = [];
  const log: Logger = { debug() {}, info() {}, warn: (o) => void warnings.push(o), error() {} };
  const sims: CentronSimulator[] = [];
  const connectors: Connector[] = [];
  afterEach(async () => {
    for (const c of connectors.splice(0)) await c.close();
    for (const s of sims.splice(0)) await s.stop();
    warnings.length = 0;
  });
  return {
    warnings,
    async sim(o: CentronSimulatorOptions = {}): Promise<CentronSimulator> {
      const s = await startCentronSimulator(o);
      sims.push(s);
      return s;
    },
    connect(o: { url: string; username?: string; password?: string; options?: Record<string, string> }): Connector {
      const options = CentronOptions.parse({ deviceWrite: 'confirmed', ticketWrite: 'confirmed', ...o.options }) as Record<string, string>;
      const c = centronFactory.create({
        config: { id: 'conn-centron', kind: 'centron', name: 'c-entron', url: centronFactory.normalizeUrl(o.url), username: o.username ?? 'ferry', options },
        secrets: { password: o.password ?? 'secret' },
        log,
      });
      connectors.push(c);
      return c;
    },
    async rejection(p: Promise<unknown>): Promise<FerryError> {
      try {
        await p;
      } catch (e) {
        expect(e).toBeInstanceOf(FerryError);
        return e as FerryError;
      }
      throw new Error('expected a FerryError');
    },
  };
}
