import { AppError } from "@/lib/errors";

const MAX_PARAM_LENGTH = 1024;

/**
 * A path parameter, percent-decoded, or a 400 naming it. Next.js decodes a
 * parameter once but leaves escaped path delimiters (%2F) escaped, so a model
 * named `hf.co/user/model` arrives as `hf.co%2Fuser%2Fmodel`; what is still
 * escaped must be decoded here, and a malformed escape is the client's error.
 */
export function decodePathParam(value: string, name: string): string {
  if (value.length > MAX_PARAM_LENGTH) {
    throw new AppError(
      "bad_request",
      `The ${name} in the path is longer than ${MAX_PARAM_LENGTH} characters.`,
      {
        param: name,
      },
    );
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    throw new AppError("bad_request", `The ${name} in the path is not valid percent-encoding.`, {
      param: name,
    });
  }
  if (/[\u0000-\u001f\u007f]/.test(decoded)) {
    throw new AppError("bad_request", `The ${name} in the path contains control characters.`, {
      param: name,
    });
  }
  return decoded;
}
