import { EU_2023_977_DEADLINES } from '../../../common';

export interface DeadlineInput {
  framework: string;
  priority: 'urgent' | 'normal';
  /** Directive 2023/977: whether the requested side holds the information directly (set by that side). */
  accessClass: 'direct' | 'obtain' | null;
  /** The partnership's own deadlines (bilateral, INTERPOL channel, other instruments). */
  urgentHours: number | null;
  normalHours: number | null;
  sentAt: Date;
}

/**
 * When a request must be answered. Under Directive 2023/977: 8 hours for urgent requests on information the requested
 * side holds directly, 3 days when it must obtain it, 7 days otherwise (an urgent request counts as direct until the
 * requested side classifies it). Under other frameworks: the partnership's deadlines.
 */
export function dueAt(i: DeadlineInput): Date | null {
  let hours: number | null;
  if (i.framework === 'eu-2023-977') {
    hours = i.priority === 'urgent' ? (i.accessClass === 'obtain' ? EU_2023_977_DEADLINES.urgentIndirectHours : EU_2023_977_DEADLINES.urgentDirectHours) : EU_2023_977_DEADLINES.normalHours;
  } else {
    hours = i.priority === 'urgent' ? i.urgentHours : i.normalHours;
  }
  return hours === null ? null : new Date(i.sentAt.getTime() + hours * 3600_000);
}

/** A request is overdue when it is still open past its deadline (or past the extension granted). */
export function isOverdue(r: { request_state: string | null; due_at: Date | null; extended_until: Date | null }, now = new Date()): boolean {
  if (!r.request_state || !['sent', 'acknowledged', 'extended'].includes(r.request_state)) return false;
  const due = r.request_state === 'extended' && r.extended_until ? r.extended_until : r.due_at;
  return due !== null && due.getTime() < now.getTime();
}

/**
 * The text-search configurations every message is indexed and searched with: the stemmers of the platform's
 * languages (Chinese has none in PostgreSQL; 'simple' keeps every word as written), so an officer finds a message in
 * any of them whoever wrote it.
 */
export const SEARCH_CONFIGS = ['simple', 'arabic', 'english', 'french', 'spanish', 'german'] as const;

/** The main language of a text, for the record: Arabic script is Arabic, otherwise the writer's interface language. */
export function searchConfig(text: string, locale: string): string {
  const arabic = (text.match(/[\u0600-\u06FF]/g) ?? []).length;
  if (arabic > text.length / 5) return 'arabic';
  return ({ fr: 'french', es: 'spanish', de: 'german', en: 'english', ar: 'arabic' } as Record<string, string>)[locale] ?? 'simple';
}
