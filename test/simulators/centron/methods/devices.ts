// Devices ("master data lists", inferred) and their links to tickets.
import { DEVICE_WRITE_FIELDS, type Device } from '../types.js';
import { asInt, asObject, asText, CallError, invalid, optInt, pageOf, pageRequest, type MethodSpec } from './context.js';

export const deviceReadMethods: MethodSpec[] = [
  {
    name: 'SearchMasterDataListsThroughPaging',
    ticket: true,
    right: 'readDevices',
    handle: (ctx, data) => {
      const d = asObject(data);
      const filter = d.Filter === undefined || d.Filter === null ? {} : asObject(d.Filter, 'Filter');
      const customerI3D = optInt(filter.CustomerI3D, 'Filter.CustomerI3D');
      const rows = customerI3D === null || customerI3D === 0 ? ctx.state.devices.all() : ctx.state.devices.byKey(customerI3D);
      return pageOf(rows, pageRequest(d));
    },
  },
  {
    name: 'GetDeviceLinks',
    ticket: true,
    right: 'readDevices',
    handle: (ctx, data) => {
      const d = asObject(data);
      const ids = new Set(ctx.state.devices.byKey(asInt(d.CustomerI3D, 'CustomerI3D')).map((x) => x.I3D));
      return ctx.state.deviceLinks.all().filter((l) => ids.has(l.DeviceHeadI3D));
    },
  },
  {
    name: 'SaveDeviceLink',
    ticket: true,
    right: 'writeTickets',
    handle: (ctx, data) => {
      const d = asObject(data);
      const device = asInt(d.DeviceHeadI3D, 'DeviceHeadI3D');
      const helpdesk = asInt(d.HelpdeskI3D, 'HelpdeskI3D');
      if (!ctx.state.devices.get(device)) throw new CallError(`Device ${device} not found`);
      if (!ctx.state.helpdesks.get(helpdesk)) throw new CallError(`Helpdesk ${helpdesk} not found`);
      return [ctx.state.addDeviceLink(device, helpdesk).I3D];
    },
  },
];

/** ASSUMED (not public): create or update one device; see README "Assumed". */
export const saveMasterDataList: MethodSpec = {
  name: 'SaveMasterDataList',
  ticket: true,
  right: 'writeDevices',
  handle: (ctx, data) => {
    const d = asObject(data);
    const create = d.I3D === undefined || d.I3D === null || d.I3D === 0;
    const patch: { -readonly [K in keyof Device]?: Device[K] } = {};
    for (const field of DEVICE_WRITE_FIELDS) {
      if (!(field in d)) continue;
      if (field === 'CustomerI3D') patch.CustomerI3D = asInt(d.CustomerI3D, 'CustomerI3D');
      else patch[field] = asText(d[field], field);
    }
    const customerI3D = patch.CustomerI3D;
    if (customerI3D !== undefined && customerI3D !== null && !ctx.state.customers.get(customerI3D)) {
      throw new CallError(`Customer ${customerI3D} not found`);
    }
    if (create) {
      if (patch.CustomerI3D === undefined) throw invalid('CustomerI3D is required to create a device');
      return [ctx.state.addDevice(patch).I3D];
    }
    const id = asInt(d.I3D, 'I3D');
    if (!ctx.state.devices.get(id)) throw new CallError(`Device ${id} not found`);
    return [ctx.state.updateDevice(id, patch).I3D];
  },
};
