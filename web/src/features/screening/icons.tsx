import { makeIcon as make } from '../../components/icons';

/** Screening: a magnifier over a person. */
export const IconScreening = make(['M10 10m-7 0a7 7 0 1 0 14 0a7 7 0 1 0 -14 0', 'M21 21l-6 -6', 'M10 8m-2 0a2 2 0 1 0 4 0a2 2 0 1 0 -4 0', 'M7 13.5c.8 -1 1.8 -1.5 3 -1.5s2.2 .5 3 1.5']);
/** Watchlists: a list with bullets. */
export const IconList = make(['M9 6l11 0', 'M9 12l11 0', 'M9 18l11 0', 'M5 6l0 .01', 'M5 12l0 .01', 'M5 18l0 .01']);
export const IconUpload = make(['M4 17v2a2 2 0 0 0 2 2h12a2 2 0 0 0 2 -2v-2', 'M7 9l5 -5l5 5', 'M12 4l0 12']);
export const IconX = make(['M18 6l-12 12', 'M6 6l12 12']);
