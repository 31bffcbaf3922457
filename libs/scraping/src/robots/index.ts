export { RobotsPolicy } from './robots-policy';
export type { RobotsPolicyOptions, RobotsVerdict } from './robots-policy';
export { BlockedByRobotsError, RobotsUnavailableError } from './robots-errors';
export { ROBOTS_FETCH_LIMITS, fetchRobotsFile } from './robots-fetch';
export type { RobotsFile } from './robots-fetch';
export { ROBOTS_MAX_BYTES, productToken } from './robots-rules';
export { TdmrepPolicy } from './tdmrep-policy';
export type { TdmrepPolicyOptions } from './tdmrep-policy';
