import { makeIcon as make } from '../../components/icons';

/** Notices: a card with a coloured corner and a person. */
export const IconNotice = make(['M4 4h16v16h-16z', 'M4 4l5 0l-5 5z', 'M12 10m-2 0a2 2 0 1 0 4 0a2 2 0 1 0 -4 0', 'M8.5 17c.7 -1.6 2 -2.5 3.5 -2.5s2.8 .9 3.5 2.5']);
/** Hits: a target. */
export const IconHit = make(['M12 12m-1 0a1 1 0 1 0 2 0a1 1 0 1 0 -2 0', 'M12 12m-5 0a5 5 0 1 0 10 0a5 5 0 1 0 -10 0', 'M12 12m-9 0a9 9 0 1 0 18 0a9 9 0 1 0 -18 0']);
