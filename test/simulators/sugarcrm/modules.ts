// Module metadata of the simulated SugarCRM / SuiteCRM: tables, fields (db columns or not) and links.

export interface FieldDef {
  name: string;
  type: string;
  label: string;
  required?: boolean;
  /** A column of the module's table (usable in `query` / `order_by`); false = non-db (email1, relate names). */
  db: boolean;
  len?: number;
  options?: Record<string, string>;
  relatedModule?: string;
  idName?: string;
}

export interface LinkDef {
  name: string;
  module: string;
  relationship: string;
}

export interface ModuleDef {
  name: string;
  table: string;
  fields: FieldDef[];
  links: LinkDef[];
  /** SuiteCRM's Advanced OpenSales module: only present when the `aosModules` option is on. */
  aos?: boolean;
}

const f = (name: string, type: string, label: string, extra: Partial<FieldDef> = {}): FieldDef => ({ name, type, label, db: true, ...extra });

const COMMON: FieldDef[] = [
  f('id', 'id', 'ID', { required: true, len: 36 }),
  f('date_entered', 'datetime', 'Date Created'),
  f('date_modified', 'datetime', 'Date Modified'),
  f('modified_user_id', 'assigned_user_name', 'Modified By Id', { idName: 'modified_user_id', relatedModule: 'Users' }),
  f('created_by', 'assigned_user_name', 'Created By Id', { relatedModule: 'Users' }),
  f('description', 'text', 'Description'),
  f('deleted', 'bool', 'Deleted'),
  f('assigned_user_id', 'relate', 'Assigned User Id', { idName: 'assigned_user_id', relatedModule: 'Users' }),
  f('assigned_user_name', 'relate', 'Assigned to', { db: false, idName: 'assigned_user_id', relatedModule: 'Users' }),
];

const ADDRESS = (prefix: string): FieldDef[] => [
  f(`${prefix}_street`, 'varchar', 'Street', { len: 150 }),
  f(`${prefix}_city`, 'varchar', 'City', { len: 100 }),
  f(`${prefix}_postalcode`, 'varchar', 'Postal Code', { len: 20 }),
  f(`${prefix}_country`, 'varchar', 'Country', { len: 255 }),
];

export const MODULES: ModuleDef[] = [
  {
    name: 'Accounts',
    table: 'accounts',
    fields: [
      ...COMMON,
      f('name', 'name', 'Name', { required: true, len: 150 }),
      f('account_type', 'enum', 'Type', { options: { '': '', Customer: 'Customer', Prospect: 'Prospect', Partner: 'Partner', Other: 'Other' } }),
      f('industry', 'enum', 'Industry', { options: { '': '', Technology: 'Technology', Manufacturing: 'Manufacturing', Other: 'Other' } }),
      ...ADDRESS('billing_address'),
      f('phone_office', 'phone', 'Office Phone', { len: 100 }),
      f('website', 'url', 'Website', { len: 255 }),
      f('email1', 'varchar', 'Email Address', { db: false }),
    ],
    links: [
      { name: 'contacts', module: 'Contacts', relationship: 'accounts_contacts' },
      { name: 'cases', module: 'Cases', relationship: 'account_cases' },
    ],
  },
  {
    name: 'Contacts',
    table: 'contacts',
    fields: [
      ...COMMON,
      f('salutation', 'enum', 'Salutation', { options: { '': '', 'Mr.': 'Mr.', 'Ms.': 'Ms.', 'Dr.': 'Dr.', 'Prof.': 'Prof.' } }),
      f('first_name', 'varchar', 'First Name', { len: 100 }),
      f('last_name', 'varchar', 'Last Name', { required: true, len: 100 }),
      f('name', 'name', 'Name', { db: false }),
      f('title', 'varchar', 'Title', { len: 100 }),
      f('department', 'varchar', 'Department', { len: 255 }),
      f('phone_work', 'phone', 'Office Phone', { len: 100 }),
      f('phone_mobile', 'phone', 'Mobile', { len: 100 }),
      ...ADDRESS('primary_address'),
      f('email1', 'varchar', 'Email Address', { db: false }),
      f('account_id', 'relate', 'Account ID', { db: false, relatedModule: 'Accounts', idName: 'account_id' }),
      f('account_name', 'relate', 'Account Name', { db: false, relatedModule: 'Accounts', idName: 'account_id' }),
    ],
    links: [{ name: 'accounts', module: 'Accounts', relationship: 'accounts_contacts' }],
  },
  {
    name: 'Cases',
    table: 'cases',
    fields: [
      ...COMMON,
      f('name', 'name', 'Subject', { required: true, len: 255 }),
      f('case_number', 'int', 'Number'),
      f('type', 'enum', 'Type', { options: { Administration: 'Administration', Product: 'Product', User: 'User' } }),
      f('status', 'enum', 'Status', {
        options: { Open_New: 'New', Open_Assigned: 'Assigned', Closed_Closed: 'Closed', Open_Pending_Input: 'Pending Input', Closed_Rejected: 'Rejected', Closed_Duplicate: 'Duplicate' },
      }),
      f('priority', 'enum', 'Priority', { options: { P1: 'High', P2: 'Medium', P3: 'Low' } }),
      f('state', 'enum', 'State', { options: { Open: 'Open', Closed: 'Closed' } }),
      f('account_id', 'id', 'Account ID', { relatedModule: 'Accounts' }),
      f('account_name', 'relate', 'Account Name', { db: false, relatedModule: 'Accounts', idName: 'account_id' }),
    ],
    links: [{ name: 'accounts', module: 'Accounts', relationship: 'account_cases' }],
  },
  {
    name: 'Users',
    table: 'users',
    fields: [
      f('id', 'id', 'ID', { required: true, len: 36 }),
      f('user_name', 'user_name', 'User Name', { required: true, len: 60 }),
      f('first_name', 'name', 'First Name', { len: 30 }),
      f('last_name', 'name', 'Last Name', { required: true, len: 30 }),
      f('full_name', 'name', 'Full Name', { db: false }),
      f('name', 'varchar', 'Full Name', { db: false }),
      f('is_admin', 'bool', 'Is Administrator'),
      f('status', 'enum', 'Status', { options: { Active: 'Active', Inactive: 'Inactive' } }),
      f('employee_status', 'enum', 'Employee Status', { options: { Active: 'Active', Terminated: 'Terminated', 'Leave of Absence': 'Leave of Absence' } }),
      f('email1', 'varchar', 'Email Address', { db: false }),
      f('date_entered', 'datetime', 'Date Entered'),
      f('date_modified', 'datetime', 'Date Modified'),
      f('deleted', 'bool', 'Deleted'),
    ],
    links: [],
  },
  {
    name: 'AOS_Contracts',
    table: 'aos_contracts',
    aos: true,
    fields: [
      ...COMMON,
      f('name', 'name', 'Contract Title', { required: true, len: 255 }),
      f('status', 'enum', 'Status', { options: { Not_Started: 'Not Started', In_Progress: 'In Progress', Signed: 'Signed' } }),
      f('start_date', 'date', 'Start Date'),
      f('end_date', 'date', 'End Date'),
      f('total_contract_value', 'currency', 'Contract Value'),
      f('contract_account_id', 'id', 'Account', { relatedModule: 'Accounts' }),
    ],
    links: [],
  },
  {
    name: 'AOS_Invoices',
    table: 'aos_invoices',
    aos: true,
    fields: [
      ...COMMON,
      f('name', 'name', 'Title', { required: true, len: 255 }),
      f('number', 'int', 'Invoice Number'),
      f('status', 'enum', 'Status', { options: { '': '', Paid: 'Paid', Unpaid: 'Unpaid', Cancelled: 'Cancelled' } }),
      f('invoice_date', 'date', 'Invoice Date'),
      f('total_amount', 'currency', 'Grand Total'),
      f('billing_account_id', 'id', 'Account', { relatedModule: 'Accounts' }),
    ],
    links: [],
  },
];

export function moduleDef(name: string, aosModules: boolean): ModuleDef | undefined {
  const m = MODULES.find((x) => x.name === name);
  if (!m || (m.aos && !aosModules)) return undefined;
  return m;
}

export function fieldDef(m: ModuleDef, name: string): FieldDef | undefined {
  return m.fields.find((x) => x.name === name);
}
