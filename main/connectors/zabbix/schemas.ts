import { z } from 'zod';

/** Zabbix ids are unsigned 64-bit integers, sent as decimal strings. */
export const ZabbixId = z.string().regex(/^\d+$/, 'a Zabbix id (digits)');

/** Zabbix sends most numbers as strings, some (user.checkAuthentication `type`) as numbers. */
const IntLike = z.union([z.number().int(), z.string().regex(/^-?\d+$/)]).transform(Number);

// ── JSON-RPC 2.0 envelope ───────────────────────────────────────────────────────────────────────────────────────
export const RpcError = z.object({
  code: z.number().int(),
  message: z.string(),
  data: z.string().optional(),
});
export type RpcError = z.infer<typeof RpcError>;

export const RpcEnvelope = z.object({
  jsonrpc: z.literal('2.0'),
  result: z.unknown().optional(),
  error: RpcError.optional(),
  id: z.union([z.number(), z.string(), z.null()]).optional(),
});

// ── Method results ──────────────────────────────────────────────────────────────────────────────────────────────
export const VersionString = z.string().regex(/^\d+\.\d+(\.\d+)?/, 'a version like 6.0.14');
export const LoginToken = z.string().min(8);

/** user.checkAuthentication: who the session belongs to. `type` 1 user, 2 admin, 3 super admin. */
export const AuthUser = z.object({
  userid: ZabbixId,
  username: z.string(),
  roleid: ZabbixId.optional(),
  type: IntLike,
});
export type AuthUser = z.infer<typeof AuthUser>;

export const UserWithRole = z.object({
  userid: ZabbixId,
  username: z.string(),
  role: z.union([z.object({ roleid: ZabbixId, name: z.string(), type: IntLike }), z.array(z.never())]).optional(),
});

export const HostGroup = z.object({
  groupid: ZabbixId,
  name: z.string().min(1),
  flags: IntLike.optional(),
  internal: IntLike.optional(),
});
export type HostGroup = z.infer<typeof HostGroup>;

export const inventoryFields = ['serialno_a', 'os', 'vendor', 'model', 'macaddress_a'] as const;
export type InventoryField = (typeof inventoryFields)[number];
/** Column lengths in Zabbix 6.0's host_inventory table (code points). */
export const inventoryLength: Record<InventoryField, number> = { serialno_a: 64, os: 128, vendor: 64, model: 64, macaddress_a: 64 };

const Inventory = z.object(Object.fromEntries(inventoryFields.map((f) => [f, z.string().optional()])) as Record<InventoryField, z.ZodOptional<z.ZodString>>);

const GroupRefs = z.array(z.object({ groupid: ZabbixId }));

export const HostBase = z.object({
  hostid: ZabbixId,
  host: z.string().min(1),
  name: z.string(),
  inventory_mode: IntLike.optional(),
  /** `selectGroups` (6.0) answers `groups`; `selectHostGroups` (6.2 and newer) answers `hostgroups`. */
  groups: GroupRefs.optional(),
  hostgroups: GroupRefs.optional(),
  tags: z.array(z.object({ tag: z.string(), value: z.string() })),
  // Zabbix answers `[]` instead of an object when the host's inventory is disabled.
  inventory: z.union([Inventory, z.array(z.never()).length(0)]),
});
export const Host = HostBase.refine((h) => h.groups !== undefined || h.hostgroups !== undefined, { message: 'the host\'s groups are missing', path: ['groups'] });
export type Host = z.infer<typeof Host>;

export const HostIdOnly = z.object({ hostid: ZabbixId });

export const GroupIds = z.object({ groupids: z.array(ZabbixId).min(1) });
export const HostIds = z.object({ hostids: z.array(ZabbixId).min(1) });
export const Count = IntLike;
/** A list whose items are checked one by one (bad records go to the page's `invalid` list, not the whole page). */
export const AnyList = z.array(z.unknown());
