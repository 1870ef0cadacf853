import { ConnectionDetail } from './ConnectionDetail.js';
import { ConnectionList } from './ConnectionList.js';

/** `#/connections` lists them; `#/connections/<name>` edits, tests, re-validates, disables or deletes one. */
export function ConnectionsScreen({ params }: { params: string[] }) {
  const name = params[0];
  return <div data-testid="screen-connections">{name ? <ConnectionDetail key={name} name={name} /> : <ConnectionList />}</div>;
}
