export { NetworkPolicy } from './network-policy';
export type { AddressVerdict } from './network-policy';
export {
  NetworkPolicyConfigError,
  networkPolicyConfigFromEnv,
  parseCidr,
  parseCidrList,
  splitCidrList,
} from './network-policy-config';
export type { NetworkPolicyConfig, ParsedCidr } from './network-policy-config';
