// First: on the wrong Node, exit with one line before start-roles loads node:sqlite.
import './require-supported-node';
import { startRoles, type Role } from './start-roles';

/** Entry of a one-role process (apps/<role>/src/main.ts). */
export function runRole(role: Role): void {
  startRoles([role]).catch((error: unknown) => {
    process.stderr.write(`trawl ${role} failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
