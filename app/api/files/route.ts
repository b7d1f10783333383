import { AppError } from "@/lib/errors";
import { withUser } from "@/lib/http/with-user";
import { MAX_DOCUMENT_BYTES } from "@/lib/files/sniff-file";
import { saveUpload } from "@/lib/files/save-upload";

/** Uploads one file (multipart form field "file"); attach it by id when sending a message. */
export const POST = withUser(
  async (req, { user }) => {
    const declared = Number(req.headers.get("content-length") ?? "0");
    if (declared > MAX_DOCUMENT_BYTES + 64 * 1024) {
      throw new AppError("payload_too_large", "Files can be at most 20 MB (images 10 MB).");
    }
    const form = await req.formData().catch(() => {
      throw new AppError("bad_request", 'Send the file as multipart/form-data in a field named "file".');
    });
    const file = form.get("file");
    if (!(file instanceof File)) {
      throw new AppError("bad_request", 'Send the file as multipart/form-data in a field named "file".', {
        param: "file",
      });
    }
    const saved = await saveUpload({
      userId: user.id,
      name: file.name,
      bytes: new Uint8Array(await file.arrayBuffer()),
    });
    return Response.json(saved, { status: 201 });
  },
  { body: "multipart/form-data" },
);
