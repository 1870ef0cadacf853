import { FerryError } from '../../../shared/errors.js';
import type { EntityPort, RecordPage } from '../types.js';

/** Why c-entron invoices cannot be synced (shown in the wizard, the preflight and a run's error). */
export const INVOICE_NOTE =
  'c-entron\'s web service has no known method to read or write invoices (none is documented or seen in a public client), so Ferry cannot sync invoices with c-entron.';

const INVOICE_HINT =
  'Turn invoices off for this pipeline. If your c-entron offers an invoice method in its web service, tell us its name and shape (from c-entron support) so it can be added.';

/** The error every invoice read answers. */
export const invoicesUnsupported = (): FerryError => new FerryError('unsupported', INVOICE_NOTE, INVOICE_HINT);

/**
 * Invoices: neither read nor write. The port exists so the wizard and the engine can say why (capabilities and
 * note), and a read that is tried anyway fails with FerryError('unsupported') on its first page.
 */
export function invoicesPort(): EntityPort<'invoice'> {
  return {
    entity: 'invoice',
    capabilities: { read: false, write: false, delete: false, delta: false, stamp: false, naturalKey: null, note: INVOICE_NOTE },
    fields: [],
    read(): AsyncIterable<RecordPage<'invoice'>> {
      return {
        [Symbol.asyncIterator]: () => ({
          next: () => Promise.reject(invoicesUnsupported()),
        }),
      };
    },
  };
}
