import type { ConnectorFactory } from './types.js';
import { cardDavFactory } from './carddav/index.js';
import { centronFactory } from './centron/index.js';
import { sugarFactory } from './sugarcrm/index.js';
import { oneCrmFactory } from './onecrm/index.js';
import { zabbixFactory } from './zabbix/index.js';
import { standinFactory } from '../demo/rmm-standin.js';

/** The connection kinds an admin can choose. Riverbird waits for its API documentation (see README). */
export const userFactories: readonly ConnectorFactory[] = [centronFactory, zabbixFactory, cardDavFactory, sugarFactory, oneCrmFactory];

/** Every kind that can run a stored connection, the demo's hidden stand-in included. */
export const allFactories: readonly ConnectorFactory[] = [...userFactories, standinFactory];
