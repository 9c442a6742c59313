/** Bad usage the command finds after its flags parsed (missing pair, unknown county): exit 2, naming the flag. */
export class CliUsageError extends Error {}
