import type { Role } from '@app/domain/access-token/access-token';

/** Who is making a request: the name and role of a verified token, or nobody. */
export interface Actor {
  readonly name: string;
  readonly role: Role;
}

/** The operator at the command line: trusted, since they hold the data files. */
export const COMMAND_LINE: Actor = { name: 'command-line', role: 'admin' };
