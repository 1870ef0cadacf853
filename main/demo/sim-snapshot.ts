import fs from 'node:fs';
import type { CentronSimulator } from '../../test/simulators/centron/server.js';

/** The demo keeps the c-entron simulator's customers and devices in its data folder between `ferry demo` and `demo up`. */
export interface SimSnapshot {
  customers: ReturnType<CentronSimulator['state']['listCustomers']>;
  devices: ReturnType<CentronSimulator['state']['listDevices']>;
}

export function saveSimSnapshot(sim: CentronSimulator, file: string): void {
  const snap: SimSnapshot = { customers: sim.state.listCustomers(), devices: sim.state.listDevices() };
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(snap));
  fs.renameSync(tmp, file);
}

export function restoreSimSnapshot(sim: CentronSimulator, file: string): void {
  const snap = JSON.parse(fs.readFileSync(file, 'utf8')) as SimSnapshot;
  for (const c of snap.customers) {
    sim.state.addCustomer({ ...c, DefaultAddress: c.DefaultAddress ? { Street: c.DefaultAddress.Street, Zip: c.DefaultAddress.Zip, City: c.DefaultAddress.City, Country: c.DefaultAddress.Country } : null });
  }
  for (const d of snap.devices) sim.state.addDevice({ ...d });
}
