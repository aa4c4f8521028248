import { makeIcon as make } from '../../components/icons';

/** Document check: a passport with its machine-readable lines. */
export const IconPassport = make(['M5 3h12a2 2 0 0 1 2 2v14a2 2 0 0 1 -2 2h-12z', 'M12 9m-3 0a3 3 0 1 0 6 0a3 3 0 1 0 -6 0', 'M8 16h8', 'M8 18.5h8']);
/** Registered documents: a document with a warning mark. */
export const IconDocAlert = make(['M14 3v4a1 1 0 0 0 1 1h4', 'M17 21h-10a2 2 0 0 1 -2 -2v-14a2 2 0 0 1 2 -2h7l5 5v11a2 2 0 0 1 -2 2z', 'M12 11v3', 'M12 17v.01']);
