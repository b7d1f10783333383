import "server-only";
import { AppError } from "@/lib/errors";
import { postgresLimiter, takePoints } from "@/lib/rate-limit/postgres-limiter";

/**
 * How much one user may upload in an hour: far more than a household attaches,
 * little enough that a script or a stolen session cannot fill the disk.
 */
export const UPLOAD_LIMITS = {
  filesPerHour: 200,
  bytesPerHour: 1024 * 1024 * 1024,
} as const;

const HOUR = 60 * 60;
/** Bytes are counted in KiB: the limiter's counter is a 32-bit integer. */
const KIB = 1024;

export const uploadFilesLimiter = () =>
  postgresLimiter("uploads:files", { points: UPLOAD_LIMITS.filesPerHour, duration: HOUR });
export const uploadBytesLimiter = () =>
  postgresLimiter("uploads:kib", { points: UPLOAD_LIMITS.bytesPerHour / KIB, duration: HOUR });

/**
 * Counts one upload against the user's hourly limits before its body is read;
 * 429 with Retry-After when the files or the bytes for this hour are used up.
 */
export async function admitUpload(input: { userId: string }): Promise<void> {
  const wait = await takePoints(uploadFilesLimiter(), input.userId);
  if (wait) throw tooMany(wait, `${UPLOAD_LIMITS.filesPerHour} files`);
  const bytes = await uploadBytesLimiter().get(input.userId);
  if (bytes && bytes.remainingPoints <= 0) {
    throw tooMany(Math.ceil(bytes.msBeforeNext / 1000), `${UPLOAD_LIMITS.bytesPerHour / 1024 ** 3} GB`);
  }
}

/** Counts a received file's bytes; 429 (the bytes given back) when they would pass the hourly limit. */
export async function chargeUploadBytes(input: { userId: string; bytes: number }): Promise<void> {
  const points = Math.max(1, Math.ceil(input.bytes / KIB));
  const limiter = uploadBytesLimiter();
  const wait = await takePoints(limiter, input.userId, points);
  if (wait) {
    // A refused file is not stored, so it should not count.
    await limiter.reward(input.userId, points);
    throw tooMany(wait, `${UPLOAD_LIMITS.bytesPerHour / 1024 ** 3} GB`);
  }
}

function tooMany(seconds: number, what: string): AppError {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return new AppError(
    "rate_limited",
    `You have uploaded ${what} in the last hour, the most Hearth accepts. Try again in ${minutes === 1 ? "a minute" : `${minutes} minutes`}.`,
    { headers: { "Retry-After": String(Math.max(1, seconds)) } },
  );
}
