/** Letters, digits and . _ - ; stored in lower case, so `Wang` and `wang` are one account. No imports: the CLI's option parsers use it before NestJS loads. */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,63}$/;
export const USERNAME_RULE = 'must be 2 to 64 letters, digits, . _ or -, starting with a letter or digit';
