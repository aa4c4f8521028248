import { onLiveTopic } from '../../api/live';

export const EVENTS_KEY = ['major-events'] as const;

// Registered when the app starts (the event pages load later, after the live stream is open). The live channel says
// only which event changed: every event query is fetched again through the API.
onLiveTopic('event.incident', [EVENTS_KEY]);
onLiveTopic('event.changed', [EVENTS_KEY]);
onLiveTopic('event.accreditation', [EVENTS_KEY]);
