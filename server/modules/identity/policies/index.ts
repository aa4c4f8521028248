export { agencyPolicy } from './agency.policy';
export { deskPolicy } from './desk.policy';
export { userPolicy } from './user.policy';
