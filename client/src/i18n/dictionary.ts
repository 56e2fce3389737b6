import { en } from './en';
import { vi } from './vi';

export type Lang = 'vi' | 'en';
export type MessageKey = keyof typeof vi;
export const LANGS: readonly Lang[] = ['vi', 'en'];
export const dictionaries: Record<Lang, Record<MessageKey, string>> = { vi, en };
