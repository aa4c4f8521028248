import { allow, definePolicy, has, type Predicate } from '../../../platform/policy';

/** What the policy needs to know about a message, from the viewer's side (after row-level security let it through). */
export interface MessageRecord {
  senderAgencyId: string;
  senderUserId: string;
  /** The viewer's agency's receipt, if the viewer's agency is a recipient. */
  receipt: { requestState: string | null; acknowledged: boolean } | null;
  handlingCode: string;
  h3Acknowledged: boolean;
  caseOpen: boolean;
  /** The original provider: the sender, or for a copy the agency it came from first. */
  originAgencyId: string;
}
type P = Predicate<MessageRecord>;

const worker = has<MessageRecord>('case.work');
const recipient: P = (_a, r) => r.receipt !== null;
const sender: P = (a, r) => a.agencyId === r.senderAgencyId;
const openRequest: P = (_a, r) => r.receipt !== null && ['sent', 'acknowledged', 'extended'].includes(r.receipt.requestState ?? '');
const h3Pending: P = (a, r) => r.handlingCode === 'H3' && !r.h3Acknowledged && a.userId !== r.senderUserId;
const caseOpen: P = (_a, r) => r.caseOpen;

/**
 * Messages. Seeing one at all is decided by row-level security and the case (messages_read in migrations/0004); these rules say
 * what a viewer who sees it may do. The requested side (a recipient agency) answers for its own receipt.
 */
export const messagePolicy = definePolicy<MessageRecord, 'readBody' | 'reply' | 'acknowledgeH3' | 'acknowledge' | 'classify' | 'extend' | 'refuse' | 'clarify' | 'passOn' | 'requestPermission'>({
  readBody: allow(worker, (a, r) => !h3Pending(a, r)),
  reply: allow(worker, caseOpen, (a, r) => recipient(a, r) || sender(a, r)),
  acknowledgeH3: allow(worker, h3Pending),
  acknowledge: allow(worker, recipient, (_a, r) => !r.receipt!.acknowledged),
  classify: allow(worker, openRequest),
  extend: allow(worker, openRequest),
  refuse: allow(worker, openRequest),
  clarify: allow(worker, openRequest),
  // Passing on is the liaison's right; whether this transfer is allowed is the onward rule's (onward.ts).
  passOn: allow(has('request.start'), (a, r) => !h3Pending(a, r)),
  // Permissions are asked of the original provider by those who received the information.
  requestPermission: allow(worker, (a, r) => a.agencyId !== r.originAgencyId),
});
