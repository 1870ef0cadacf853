/** Numbered, forward-only migrations. Never edit one that has shipped: add the next number. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
CREATE TABLE connections (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  url TEXT NOT NULL,
  username TEXT,
  options TEXT NOT NULL DEFAULT '{}',
  enabled INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  modified_at TEXT NOT NULL,
  last_test_at TEXT,
  last_test_category TEXT,
  last_test_message TEXT,
  last_test_hint TEXT,
  first_used_at TEXT
);
CREATE TABLE pipelines (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  left_id TEXT NOT NULL REFERENCES connections(id),
  right_id TEXT NOT NULL REFERENCES connections(id),
  config TEXT NOT NULL,
  paused INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  modified_at TEXT NOT NULL,
  activated_at TEXT NOT NULL
);
CREATE TABLE links (
  pipeline_id TEXT NOT NULL REFERENCES pipelines(id) ON DELETE CASCADE,
  entity TEXT NOT NULL,
  left_id TEXT NOT NULL,
  right_id TEXT NOT NULL,
  left_hash TEXT,
  right_hash TEXT,
  left_version TEXT,
  right_version TEXT,
  synced_at TEXT NOT NULL,
  PRIMARY KEY (pipeline_id, entity, left_id),
  UNIQUE (pipeline_id, entity, right_id)
) WITHOUT ROWID;
CREATE TABLE cursors (
  pipeline_id TEXT NOT NULL REFERENCES pipelines(id) ON DELETE CASCADE,
  entity TEXT NOT NULL,
  side TEXT NOT NULL CHECK (side IN ('left','right')),
  cursor TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (pipeline_id, entity, side)
);
CREATE TABLE intents (
  id INTEGER PRIMARY KEY,
  pipeline_id TEXT NOT NULL REFERENCES pipelines(id) ON DELETE CASCADE,
  run_id TEXT NOT NULL,
  entity TEXT NOT NULL,
  target_side TEXT NOT NULL CHECK (target_side IN ('left','right')),
  op TEXT NOT NULL CHECK (op IN ('create','update','delete')),
  source_id TEXT,
  target_id TEXT,
  stamp TEXT NOT NULL,
  natural_key TEXT,
  source_hash TEXT,
  target_hash TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX intents_pipeline ON intents(pipeline_id);
CREATE TABLE runs (
  id TEXT PRIMARY KEY,
  pipeline_id TEXT NOT NULL REFERENCES pipelines(id) ON DELETE CASCADE,
  trigger TEXT NOT NULL,
  mode TEXT NOT NULL,
  scope TEXT,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  status TEXT NOT NULL,
  counts TEXT NOT NULL DEFAULT '{}',
  error_category TEXT,
  error_message TEXT,
  error_hint TEXT,
  pid INTEGER
);
CREATE INDEX runs_pipeline ON runs(pipeline_id, started_at);
CREATE TABLE run_items (
  id INTEGER PRIMARY KEY,
  run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  entity TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('created','updated','deleted','skipped','conflict','failed')),
  target_side TEXT,
  left_id TEXT,
  right_id TEXT,
  reason TEXT,
  category TEXT,
  before TEXT,
  after TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX run_items_run ON run_items(run_id);
CREATE INDEX run_items_created ON run_items(created_at);
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE leases (
  name TEXT PRIMARY KEY,
  holder TEXT NOT NULL,
  pid INTEGER NOT NULL,
  hostname TEXT NOT NULL,
  role TEXT NOT NULL,
  endpoint TEXT,
  acquired_at INTEGER NOT NULL,
  heartbeat_at INTEGER NOT NULL
);
`,
  },
  {
    version: 2,
    name: 'conflict inbox',
    sql: `
CREATE TABLE conflicts (
  id INTEGER PRIMARY KEY,
  pipeline_id TEXT NOT NULL REFERENCES pipelines(id) ON DELETE CASCADE,
  entity TEXT NOT NULL,
  left_id TEXT NOT NULL,
  right_id TEXT NOT NULL,
  left_data TEXT,
  right_data TEXT,
  reason TEXT NOT NULL,
  detected_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  resolution TEXT CHECK (resolution IN ('left','right','merge')),
  merged TEXT,
  resolved_at TEXT,
  closed_at TEXT,
  UNIQUE (pipeline_id, entity, left_id, right_id)
);
CREATE INDEX conflicts_open ON conflicts(pipeline_id, closed_at);
`,
  },
  {
    version: 3,
    name: 'base versions for the conflict inbox',
    sql: `
ALTER TABLE links ADD COLUMN base TEXT;
ALTER TABLE conflicts ADD COLUMN base_data TEXT;
`,
  },
  {
    version: 4,
    name: 'per-user pipelines (acting for each user)',
    sql: `
ALTER TABLE pipelines ADD COLUMN parent_id TEXT REFERENCES pipelines(id) ON DELETE CASCADE;
ALTER TABLE pipelines ADD COLUMN act_for TEXT;
CREATE UNIQUE INDEX pipelines_user ON pipelines(parent_id, act_for) WHERE parent_id IS NOT NULL;
`,
  },
  {
    version: 5,
    name: 'what the last connection test learned (e.g. the modules a CRM has)',
    sql: `
ALTER TABLE connections ADD COLUMN last_test_details TEXT;
`,
  },
];

export const latestVersion = migrations[migrations.length - 1]!.version;
