// A tiny raw JSON-RPC client for tests that act on Zabbix "as an RMM agent" or an admin would: independent of
// Ferry's connector on purpose, so a bug there cannot hide itself in the tests.

export class ZabbixApiError extends Error {
  constructor(
    readonly method: string,
    readonly code: number,
    readonly data: string,
  ) {
    super(`${method}: ${data} (${code})`);
  }
}

export interface HostSpec {
  host: string;
  name?: string;
  groupIds: string[];
  tags?: { tag: string; value: string }[];
  inventory?: Record<string, string>;
}

export class ZabbixApi {
  private id = 1;
  private constructor(
    readonly apiUrl: string,
    private token: string | null,
  ) {}

  /** Logs in (Admin/zabbix by default). */
  static async login(apiUrl: string, username = 'Admin', password = 'zabbix'): Promise<ZabbixApi> {
    const api = new ZabbixApi(apiUrl, null);
    api.token = await api.call<string>('user.login', { username, password });
    return api;
  }

  async call<T = unknown>(method: string, params: unknown): Promise<T> {
    const body: Record<string, unknown> = { jsonrpc: '2.0', method, params, id: this.id++ };
    if (this.token && method !== 'user.login' && method !== 'apiinfo.version') body['auth'] = this.token;
    const res = await fetch(this.apiUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json-rpc' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const json = (await res.json()) as { result?: T; error?: { code: number; message: string; data?: string } };
    if (json.error) throw new ZabbixApiError(method, json.error.code, json.error.data ?? json.error.message);
    return json.result as T;
  }

  async createGroup(name: string): Promise<string> {
    return (await this.call<{ groupids: string[] }>('hostgroup.create', { name })).groupids[0]!;
  }

  async groupByName(name: string): Promise<{ groupid: string; name: string } | null> {
    const list = await this.call<{ groupid: string; name: string }[]>('hostgroup.get', { output: ['groupid', 'name'], filter: { name: [name] } });
    return list.find((g) => g.name === name) ?? null;
  }

  async createHost(h: HostSpec): Promise<string> {
    const params: Record<string, unknown> = { host: h.host, groups: h.groupIds.map((groupid) => ({ groupid })) };
    if (h.name) params['name'] = h.name;
    if (h.tags) params['tags'] = h.tags;
    if (h.inventory) {
      params['inventory_mode'] = 0;
      params['inventory'] = h.inventory;
    }
    return (await this.call<{ hostids: string[] }>('host.create', params)).hostids[0]!;
  }

  async getHost(hostid: string): Promise<{ hostid: string; host: string; name: string; groups: { groupid: string }[]; tags: { tag: string; value: string }[]; inventory: Record<string, string> | [] } | null> {
    const list = await this.call<unknown[]>('host.get', {
      hostids: [hostid],
      output: ['hostid', 'host', 'name'],
      selectGroups: ['groupid'],
      selectTags: ['tag', 'value'],
      selectInventory: 'extend',
    });
    return (list[0] as never) ?? null;
  }

  async updateHost(params: Record<string, unknown>): Promise<void> {
    await this.call('host.update', params);
  }

  /**
   * A user in a new user group with the given host-group permission (2 = read, 3 = read-write) and role
   * (1 User, 2 Admin, 3 Super admin). Answers the user id.
   */
  async createUser(o: { username: string; password: string; roleid?: string; readGroupIds?: string[]; permission?: 2 | 3 }): Promise<string> {
    const usrgrp = await this.call<{ usrgrpids: string[] }>('usergroup.create', {
      name: `${o.username} group`,
      rights: (o.readGroupIds ?? []).map((id) => ({ id, permission: o.permission ?? 2 })),
    });
    const res = await this.call<{ userids: string[] }>('user.create', {
      username: o.username,
      passwd: o.password,
      roleid: o.roleid ?? '1',
      usrgrps: [{ usrgrpid: usrgrp.usrgrpids[0] }],
    });
    return res.userids[0]!;
  }

  async setPassword(userid: string, password: string): Promise<void> {
    await this.call('user.update', { userid, passwd: password });
  }

  async deleteHosts(ids: string[]): Promise<void> {
    if (ids.length) await this.call('host.delete', ids);
  }

  async deleteGroups(ids: string[]): Promise<void> {
    if (ids.length) await this.call('hostgroup.delete', ids);
  }

  async logout(): Promise<void> {
    await this.call('user.logout', []).catch(() => undefined);
    this.token = null;
  }
}
