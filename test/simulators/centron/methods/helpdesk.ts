// Helpdesk tickets. Rights: readTickets, writeTickets.
import { CLOSED_HELPDESK_STATUS, type Helpdesk } from '../types.js';
import { asDate, asInt, asObject, asText, CallError, invalid, optBool, optInt, pageOf, pageRequest, type MethodSpec } from './context.js';
import type { HelpdeskInput } from '../state.js';

const TEXT_FIELDS = ['ShortDescription', 'Description', 'ResponsiblePerson'] as const;
const ID_FIELDS = ['HelpdeskStatusI3D', 'HelpdeskPriorityI3D', 'HelpdeskTypeI3D'] as const;
const DATE_FIELDS = ['CreatedDate', 'DueDate'] as const;

export const helpdeskMethods: MethodSpec[] = [
  {
    name: 'GetHelpdesksThroughPaging',
    ticket: true,
    right: 'readTickets',
    handle: (ctx, data) => {
      const d = asObject(data);
      const f = d.HelpdeskFilter === undefined || d.HelpdeskFilter === null ? {} : asObject(d.HelpdeskFilter, 'HelpdeskFilter');
      const customerI3D = optInt(f.CustomerI3D, 'HelpdeskFilter.CustomerI3D');
      const onlyActive = optBool(f.OnlyActive, 'HelpdeskFilter.OnlyActive');
      const state = optInt(f.HelpdeskState, 'HelpdeskFilter.HelpdeskState');
      let rows: readonly Helpdesk[] = customerI3D === null || customerI3D === 0 ? ctx.state.helpdesks.all() : ctx.state.helpdesks.byKey(customerI3D);
      if (onlyActive || state !== null) {
        rows = rows.filter((h) => (!onlyActive || h.HelpdeskStatusI3D !== CLOSED_HELPDESK_STATUS) && (state === null || h.HelpdeskStatusI3D === state));
      }
      return pageOf(rows, pageRequest(d), optBool(d.Descending, 'Descending') === true);
    },
  },
  {
    name: 'GetHelpdeskByI3D',
    ticket: true,
    right: 'readTickets',
    handle: (ctx, data) => {
      const h = ctx.state.helpdesks.get(asInt(data, 'Data'));
      return h ? [h] : [];
    },
  },
  {
    name: 'SaveHelpdesk',
    ticket: true,
    right: 'writeTickets',
    handle: (ctx, data) => {
      const d = asObject(data);
      const patch: { -readonly [K in keyof HelpdeskInput]?: HelpdeskInput[K] } = {};
      for (const f of TEXT_FIELDS) if (f in d) patch[f] = asText(d[f], f);
      for (const f of ID_FIELDS) if (f in d) patch[f] = optInt(d[f], f);
      for (const f of DATE_FIELDS) if (f in d) patch[f] = asDate(d[f], f);
      if ('CustomerI3D' in d) {
        const c = asInt(d.CustomerI3D, 'CustomerI3D');
        if (!ctx.state.customers.get(c)) throw new CallError(`Customer ${c} not found`);
        patch.CustomerI3D = c;
      }
      if (d.I3D === undefined || d.I3D === null || d.I3D === 0) {
        if (patch.CustomerI3D === undefined) throw invalid('CustomerI3D is required to create a ticket');
        return [ctx.state.addHelpdesk(patch).I3D];
      }
      const id = asInt(d.I3D, 'I3D');
      if (!ctx.state.helpdesks.get(id)) throw new CallError(`Helpdesk ${id} not found`);
      return [ctx.state.updateHelpdesk(id, patch).I3D];
    },
  },
];
