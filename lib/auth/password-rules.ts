/** Password length limits, shared by the server (Better Auth) and the sign-up form. */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;
