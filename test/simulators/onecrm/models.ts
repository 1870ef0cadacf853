// Model metadata of the simulated 1CRM: singular model names, their fields and the list filters each offers.

export type FieldType = 'id' | 'varchar' | 'text' | 'enum' | 'email' | 'phone' | 'url' | 'datetime' | 'int' | 'bool' | 'ref';

export interface FieldDef {
  name: string;
  type: FieldType;
  label: string;
  required?: boolean;
  /** Set by the server only; a value sent by a client is ignored. */
  readonly?: boolean;
  len?: number;
  options?: string[];
  /** For 'ref' fields: the model the id points to. */
  model?: string;
}

export interface FilterDef {
  name: string;
  label: string;
  /** The field the filter looks at. */
  field: string;
  /** 'eq' (case-insensitive equality) or 'gte' (field >= value; a date-time for date fields). */
  operator: 'eq' | 'gte';
  type: FieldType;
}

export interface LinkDef {
  name: string;
  model: string;
  /** The field of the related model that points back to this record. */
  via: string;
}

export interface ModelDef {
  name: string;
  fields: FieldDef[];
  filters: FilterDef[];
  links: LinkDef[];
  /** Only listed and read through the API (no POST / PATCH / DELETE). */
  readOnly?: boolean;
}

const f = (name: string, type: FieldType, label: string, extra: Partial<FieldDef> = {}): FieldDef => ({ name, type, label, ...extra });

const COMMON: FieldDef[] = [
  f('id', 'id', 'ID', { readonly: true }),
  f('date_entered', 'datetime', 'Date Created', { readonly: true }),
  f('date_modified', 'datetime', 'Date Modified', { readonly: true }),
  f('created_by', 'ref', 'Created By', { readonly: true, model: 'User' }),
  f('modified_user_id', 'ref', 'Modified By', { readonly: true, model: 'User' }),
  f('assigned_user_id', 'ref', 'Assigned To', { model: 'User' }),
  f('description', 'text', 'Description'),
];

const ADDRESS = (prefix: string): FieldDef[] => [
  f(`${prefix}_street`, 'varchar', 'Street', { len: 150 }),
  f(`${prefix}_city`, 'varchar', 'City', { len: 100 }),
  f(`${prefix}_postalcode`, 'varchar', 'Postal Code', { len: 20 }),
  f(`${prefix}_country`, 'varchar', 'Country', { len: 100 }),
];

/** The modified-since filter every writable model offers unless the `modifiedSinceFilter` option is off. */
export const MODIFIED_SINCE: FilterDef = { name: 'modified_since', label: 'Modified Since', field: 'date_modified', operator: 'gte', type: 'datetime' };

export const MODELS: ModelDef[] = [
  {
    name: 'Account',
    fields: [
      ...COMMON,
      f('name', 'varchar', 'Name', { required: true, len: 150 }),
      f('account_type', 'enum', 'Type', { options: ['', 'Customer', 'Prospect', 'Partner', 'Supplier', 'Other'] }),
      f('industry', 'enum', 'Industry', { options: ['', 'Technology', 'Manufacturing', 'Services', 'Other'] }),
      ...ADDRESS('billing_address'),
      f('phone_office', 'phone', 'Phone', { len: 100 }),
      f('website', 'url', 'Website', { len: 255 }),
      f('email1', 'email', 'Email', { len: 100 }),
    ],
    filters: [
      { name: 'name', label: 'Name', field: 'name', operator: 'eq', type: 'varchar' },
      { name: 'email', label: 'Email', field: 'email1', operator: 'eq', type: 'email' },
      MODIFIED_SINCE,
    ],
    links: [
      { name: 'contacts', model: 'Contact', via: 'primary_account_id' },
      { name: 'cases', model: 'Case', via: 'account_id' },
    ],
  },
  {
    name: 'Contact',
    fields: [
      ...COMMON,
      f('salutation', 'enum', 'Salutation', { options: ['', 'Mr.', 'Ms.', 'Mrs.', 'Dr.', 'Prof.'] }),
      f('first_name', 'varchar', 'First Name', { len: 100 }),
      f('last_name', 'varchar', 'Last Name', { required: true, len: 100 }),
      f('title', 'varchar', 'Title', { len: 100 }),
      f('department', 'varchar', 'Department', { len: 100 }),
      f('phone_work', 'phone', 'Office Phone', { len: 100 }),
      f('phone_mobile', 'phone', 'Mobile', { len: 100 }),
      f('email1', 'email', 'Email', { len: 100 }),
      ...ADDRESS('primary_address'),
      f('primary_account_id', 'ref', 'Account', { model: 'Account' }),
    ],
    filters: [
      { name: 'last_name', label: 'Last Name', field: 'last_name', operator: 'eq', type: 'varchar' },
      { name: 'email', label: 'Email', field: 'email1', operator: 'eq', type: 'email' },
      { name: 'account_id', label: 'Account', field: 'primary_account_id', operator: 'eq', type: 'ref' },
      MODIFIED_SINCE,
    ],
    links: [{ name: 'cases', model: 'Case', via: 'contact_id' }],
  },
  {
    name: 'Case',
    fields: [
      ...COMMON,
      f('name', 'varchar', 'Subject', { required: true, len: 255 }),
      f('case_number', 'int', 'Number', { readonly: true }),
      f('type', 'enum', 'Type', { options: ['', 'Administration', 'Product', 'User'] }),
      f('status', 'enum', 'Status', { options: ['Active', 'Pending Input', 'Closed', 'Rejected', 'Duplicate'] }),
      f('priority', 'enum', 'Priority', { options: ['P1', 'P2', 'P3'] }),
      f('account_id', 'ref', 'Account', { model: 'Account' }),
      f('contact_id', 'ref', 'Contact', { model: 'Contact' }),
    ],
    filters: [
      { name: 'account_id', label: 'Account', field: 'account_id', operator: 'eq', type: 'ref' },
      { name: 'status', label: 'Status', field: 'status', operator: 'eq', type: 'enum' },
      MODIFIED_SINCE,
    ],
    links: [],
  },
  {
    name: 'User',
    readOnly: true,
    fields: [
      f('id', 'id', 'ID', { readonly: true }),
      f('user_name', 'varchar', 'User Name', { required: true, len: 60 }),
      f('first_name', 'varchar', 'First Name', { len: 30 }),
      f('last_name', 'varchar', 'Last Name', { required: true, len: 30 }),
      f('email1', 'email', 'Email', { len: 100 }),
      f('status', 'enum', 'Status', { options: ['Active', 'Inactive'] }),
      f('is_admin', 'bool', 'Administrator'),
      f('date_entered', 'datetime', 'Date Created', { readonly: true }),
      f('date_modified', 'datetime', 'Date Modified', { readonly: true }),
    ],
    filters: [
      { name: 'user_name', label: 'User Name', field: 'user_name', operator: 'eq', type: 'varchar' },
      { name: 'email', label: 'Email', field: 'email1', operator: 'eq', type: 'email' },
      { name: 'status', label: 'Status', field: 'status', operator: 'eq', type: 'enum' },
    ],
    links: [],
  },
];

export function modelDef(name: string): ModelDef | undefined {
  return MODELS.find((m) => m.name === name);
}

export function fieldDef(m: ModelDef, name: string): FieldDef | undefined {
  return m.fields.find((x) => x.name === name);
}
