/** The digest of what each file of src is linted from, by its path from `root` (see lint-digests.mjs). */
export function srcLintDigests(root: string): Map<string, string>
