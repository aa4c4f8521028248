import { makeIcon as make } from '../../components/icons';

/** Inbox: a tray with a message coming in. */
export const IconMail = make(['M3 7a2 2 0 0 1 2 -2h14a2 2 0 0 1 2 2v10a2 2 0 0 1 -2 2h-14a2 2 0 0 1 -2 -2v-10z', 'M3 7l9 6l9 -6']);
/** Reply: an arrow turning back. */
export const IconReply = make(['M9 14l-4 -4l4 -4', 'M5 10h11a4 4 0 1 1 0 8h-1']);
/** Send: a paper plane. */
export const IconSend = make(['M10 14l11 -11', 'M21 3l-6.5 18a.55 .55 0 0 1 -1 0l-3.5 -7l-7 -3.5a.55 .55 0 0 1 0 -1l18 -6.5']);
/** A restriction to acknowledge. */
export const IconShield = make(['M12 3a12 12 0 0 0 8.5 3a12 12 0 0 1 -8.5 15a12 12 0 0 1 -8.5 -15a12 12 0 0 0 8.5 -3', 'M12 11m-1 0a1 1 0 1 0 2 0a1 1 0 1 0 -2 0', 'M12 12l0 2.5']);
/** Search: a magnifier. */
export const IconSearch = make(['M10 10m-7 0a7 7 0 1 0 14 0a7 7 0 1 0 -14 0', 'M21 21l-6 -6']);
/** Back to the list (mirrored in right-to-left layouts by the caller). */
export const IconArrowBack = make(['M5 12l14 0', 'M5 12l6 6', 'M5 12l6 -6']);
/** TLP:RED readers: an eye. */
export const IconEye = make(['M10 12a2 2 0 1 0 4 0a2 2 0 0 0 -4 0', 'M21 12c-2.4 4 -5.4 6 -9 6c-3.6 0 -6.6 -2 -9 -6c2.4 -4 5.4 -6 9 -6c3.6 0 6.6 2 9 6']);
/** Attachments: a paper clip. */
export const IconPaperclip = make(['M15 7l-6.5 6.5a1.5 1.5 0 0 0 3 3l6.5 -6.5a3 3 0 0 0 -6 -6l-6.5 6.5a4.5 4.5 0 0 0 9 9l6.5 -6.5']);
/** Download: an arrow into a tray. */
export const IconDownload = make(['M4 17v2a2 2 0 0 0 2 2h12a2 2 0 0 0 2 -2v-2', 'M7 11l5 5l5 -5', 'M12 4l0 12']);
/** Remove: a cross. */
export const IconX = make(['M18 6l-12 12', 'M6 6l12 12']);
/** Pass on: an arrow leaving a box. */
export const IconForward = make(['M15 11l4 4l-4 4', 'M19 15h-11a4 4 0 0 1 0 -8h1']);
/** Permission: a key. */
export const IconKey = make(['M16.555 3.843l3.602 3.602a2.877 2.877 0 0 1 0 4.069l-2.643 2.643a2.877 2.877 0 0 1 -4.069 0l-.301 -.301l-6.558 6.558a2 2 0 0 1 -1.239 .578l-.175 .008h-1.172a1 1 0 0 1 -.993 -.883l-.007 -.117v-1.172a2 2 0 0 1 .467 -1.284l.119 -.13l.414 -.414h2v-2h2v-2l2.144 -2.144l-.301 -.301a2.877 2.877 0 0 1 0 -4.069l2.643 -2.643a2.877 2.877 0 0 1 4.069 0z', 'M15 9h.01']);
/** A question waiting for its answer: a speech bubble with a question mark. */
export const IconMessageQuestion = make(['M8 9h8', 'M8 13h5', 'M14.5 18.5l-2.5 2.5l-3 -3h-3a3 3 0 0 1 -3 -3v-8a3 3 0 0 1 3 -3h12a3 3 0 0 1 3 3v4.5', 'M19 22v.01', 'M19 19a2 2 0 0 0 .914 -3.782a1.98 1.98 0 0 0 -2.414 .483']);
