import { Device } from '../../../shared/entities.js';
import { FerryError } from '../../../shared/errors.js';
import { outcomeUnknown } from '../http/errors.js';
import type { EntityCapabilities, EntityPort, InvalidRecord, Logger, ReadOptions, RecordPage, RemoteRecord, WriteContext, WriteResult } from '../types.js';
import type { CentronClient } from './client.js';
import type { Mapped } from './customers.js';
import { DeviceRecord, describeIssues, type DeviceWrite } from './methods.js';
import { idOf, parseCustomerIds } from './records.js';

export const deviceFields = ['customerId', 'code', 'name', 'serialNumber', 'manufacturer', 'model', 'operatingSystem', 'macAddress'] as const;

/** Why device write is off until the admin confirms it (shown in the wizard and the preflight). */
export const DEVICE_WRITE_OFF_NOTE =
  'Writing devices uses SaveMasterDataList, a c-entron method that is not public (Ferry assumes its name and shape). ' +
  'Devices are read-only until an admin confirms this c-entron accepts it: in the wizard, or with --option deviceWrite=confirmed ' +
  '(a methods file, --option methodsFile=<path>, corrects the method name if this site differs).';

const orNull = <T>(v: T | null | undefined): T | null => (v === undefined ? null : v);

/** A c-entron device ("master data list") → canonical Device. Values as they are: nothing trimmed. */
export function mapDevice(raw: unknown): Mapped<Device> {
  const id = idOf(raw);
  const r = DeviceRecord.safeParse(raw);
  if (!r.success) return { ok: false, id, reason: `c-entron device does not fit the expected shape: ${describeIssues(r.error)}` };
  const d = r.data;
  const data: Device = {
    customerId: d.CustomerI3D === null || d.CustomerI3D === undefined ? null : String(d.CustomerI3D),
    code: d.Code,
    name: orNull(d.Caption),
    serialNumber: orNull(d.SerialNumber),
    manufacturer: orNull(d.Manufacturer),
    model: orNull(d.Model),
    operatingSystem: orNull(d.OperatingSystem),
    macAddress: orNull(d.MacAddress),
  };
  const c = Device.safeParse(data);
  if (!c.success) return { ok: false, id, reason: `c-entron device maps to an invalid device: ${describeIssues(c.error)}` };
  return { ok: true, id: String(d.I3D), data: c.data };
}

/** Canonical Device → the (assumed) SaveMasterDataList Data. Every field but a null customer is sent, so null clears a value. */
export function toDeviceWrite(d: Device, i3d?: number): DeviceWrite {
  let customer: number | null = null;
  if (d.customerId !== null) {
    customer = /^[1-9]\d{0,15}$/.test(d.customerId) ? Number(d.customerId) : NaN;
    if (!Number.isSafeInteger(customer)) {
      throw new FerryError('data', `Device "${d.code}" references customer "${d.customerId}", which is not a c-entron customer id (I3D).`, 'Sync the customer to c-entron first; devices link only to customers that carry c-entron\'s account id.', { outcomeUnknown: false });
    }
  }
  return {
    ...(i3d !== undefined ? { I3D: i3d } : {}),
    // A device without customer leaves CustomerI3D out (c-entron then keeps the link it has; a create needs one).
    ...(customer !== null ? { CustomerI3D: customer } : {}),
    Code: d.code,
    Caption: d.name,
    SerialNumber: d.serialNumber,
    Manufacturer: d.manufacturer,
    Model: d.model,
    OperatingSystem: d.operatingSystem,
    MacAddress: d.macAddress,
  };
}

/** Adds what an admin needs to a write error whose outcome is unknown (the answer was lost after sending). */
function writeError(e: unknown, action: 'created' | 'updated', code: string): unknown {
  if (!(e instanceof FerryError) || !outcomeUnknown(e)) return e;
  return new FerryError(
    e.category,
    `Outcome unknown: c-entron may or may not have ${action} device "${code}" — the answer to SaveMasterDataList was lost. ${e.message}`,
    `Ferry looks the device up by its Code before writing it again, so no duplicate is created. ${e.hint}`,
    { ...e.details, outcomeUnknown: true, code },
  );
}

export interface DevicePortOptions {
  /** Whether the admin confirmed the assumed write method (option deviceWrite=confirmed). */
  write: boolean;
  log: Logger;
}

/**
 * Devices: read via SearchMasterDataListsThroughPaging (optionally per customer), create/update via the ASSUMED
 * SaveMasterDataList (only when confirmed), no delete, no stamp field: `code` is the natural key for recovery.
 */
export function devicesPort(client: CentronClient, o: DevicePortOptions): EntityPort<'device'> {
  const capabilities: EntityCapabilities = {
    read: true,
    write: o.write,
    delete: false,
    delta: false,
    stamp: false,
    naturalKey: 'code',
    ...(o.write ? {} : { note: DEVICE_WRITE_OFF_NOTE }),
  };

  async function* read(opts: ReadOptions): AsyncIterable<RecordPage<'device'>> {
    const customers: (number | null)[] = opts.customerIds ? parseCustomerIds(opts.customerIds) : [null];
    const seen = new Set<string>();
    let n = 0;
    for (const customer of customers) {
      for await (const p of client.pages('searchMasterDataLists', { Filter: { CustomerI3D: customer } }, { signal: opts.signal })) {
        const records: RemoteRecord<'device'>[] = [];
        const invalid: InvalidRecord[] = [];
        for (const raw of p.items) {
          const m = mapDevice(raw);
          if (!m.ok) {
            invalid.push({ id: m.id, reason: m.reason });
            continue;
          }
          if (seen.has(m.id)) continue; // records can shift between pages while paging: keep the first sighting
          seen.add(m.id);
          records.push({ id: m.id, data: m.data, version: null, modifiedAt: null, stamp: null });
        }
        n++;
        const single = customers.length === 1;
        yield { records, invalid, page: n, pageCount: single ? p.pageCount : null, total: single ? p.total : null };
      }
    }
  }

  /** Finds a device by its Code (exact match) across all pages: resolves an open write intent after a crash. */
  async function lookup(key: { stamp: string; natural: string | null }): Promise<RemoteRecord<'device'> | null> {
    if (key.natural === null) return null;
    const code = key.natural;
    const found: RemoteRecord<'device'>[] = [];
    const unreadable: string[] = [];
    for await (const p of client.pages('searchMasterDataLists', { Filter: { CustomerI3D: null } })) {
      for (const raw of p.items) {
        const rawCode = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>)['Code'] : undefined;
        if (rawCode !== code) continue;
        const m = mapDevice(raw);
        if (m.ok) found.push({ id: m.id, data: m.data, version: null, modifiedAt: null, stamp: null });
        else unreadable.push(`${m.id ?? '(no I3D)'}: ${m.reason}`);
      }
    }
    if (found.length === 0 && unreadable.length > 0) {
      // It exists but cannot be read: creating it again would make a duplicate.
      throw new FerryError('data', `A c-entron device with Code "${code}" exists but cannot be read (${unreadable.join('; ')}).`, 'Correct the device in c-entron (or remove the duplicate), then run again.', { code });
    }
    if (found.length > 1) {
      o.log.warn({ code, ids: found.map((f) => f.id) }, 'several c-entron devices share this Code; using the newest (highest I3D)');
      found.sort((a, b) => Number(b.id) - Number(a.id));
    }
    return found[0] ?? null;
  }

  const port: EntityPort<'device'> = { entity: 'device', capabilities, fields: deviceFields, read, lookup };
  if (!o.write) return port;

  port.create = async (data: Device, _ctx: WriteContext): Promise<WriteResult> => {
    const body = toDeviceWrite(data);
    try {
      const [i3d] = await client.call('saveMasterDataList', body);
      return { id: String(i3d) };
    } catch (e) {
      throw writeError(e, 'created', data.code);
    }
  };
  port.update = async (id: string, data: Device, _ctx: WriteContext): Promise<WriteResult> => {
    const i3d = /^[1-9]\d{0,15}$/.test(id) ? Number(id) : NaN;
    if (!Number.isSafeInteger(i3d)) throw new FerryError('input', `"${id}" is not a c-entron device id (I3D).`, 'This is a bug in Ferry or a damaged link: keep the log and report it.');
    const body = toDeviceWrite(data, i3d);
    let answered: number;
    try {
      // Updating sets the fields sent: repeating it is harmless, so it may be retried.
      [answered] = await client.call('saveMasterDataList', body, { idempotent: true });
    } catch (e) {
      throw writeError(e, 'updated', data.code);
    }
    if (answered !== i3d) {
      throw new FerryError('data', `c-entron answered I3D ${answered} to the update of device ${i3d} ("${data.code}").`, 'SaveMasterDataList does not behave as Ferry assumes on this site: switch device write off (--option deviceWrite=off) and report it with the c-entron version.', { outcomeUnknown: true, code: data.code });
    }
    return { id: String(i3d) };
  };
  return port;
}
