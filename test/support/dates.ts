import { addDays, chinaToday } from '../../src/modules/apartments/stay-dates';

/** The China date `days` from today (negative: back), as the forms and APIs take dates. */
export const inDays = (days: number): string => addDays(chinaToday(), days);
