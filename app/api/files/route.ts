import { admitUpload } from "@/lib/files/upload-quota";
import { incomingDir, saveUpload } from "@/lib/files/save-upload";
import { MAX_DOCUMENT_BYTES } from "@/lib/files/sniff-file";
import { readUpload } from "@/lib/http/read-upload";
import { withUser } from "@/lib/http/with-user";

/** Uploads one file (multipart form field "file"); attach it by id when sending a message. */
export const POST = withUser(
  async (req, { user }) => {
    await admitUpload({ userId: user.id });
    const upload = await readUpload(req, {
      field: "file",
      maxBytes: MAX_DOCUMENT_BYTES,
      dir: incomingDir(),
      tooLarge: "Files can be at most 20 MB (images 10 MB).",
    });
    return Response.json(await saveUpload({ userId: user.id, upload }), { status: 201 });
  },
  { body: "multipart/form-data" },
);
