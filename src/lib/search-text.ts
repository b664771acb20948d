/** Text typed in a list's search box, made into a MongoDB regex that means only what was typed. */

export const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The text anywhere in the field, ignoring case (names and titles are short; their lists are small). */
export const containing = (text: string) => ({ $regex: escapeRegex(text.trim()), $options: 'i' });

/** The field starts with the text: an index on the field is scanned from the text on, not whole. */
export const startingWith = (text: string) => ({ $regex: `^${escapeRegex(text)}` });
