import { runRole } from '../../trawl/src/run-role';

runRole('sweeper');
