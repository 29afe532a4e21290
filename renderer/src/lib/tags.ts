/** Tags as typed in one text field: separated by commas or white space. */
export function parseTags(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
}

export const formatTags = (tags: readonly string[]): string => tags.join(', ');

/** Words an issue at `tags.N` with the tag it is about. */
export function describeTagIssue(tags: readonly string[], rest: readonly string[], message: string): string {
  const index = rest[0] === undefined ? Number.NaN : Number(rest[0]);
  const tag = Number.isInteger(index) ? tags[index] : undefined;
  return tag === undefined ? message : `"${tag}": ${message}`;
}
