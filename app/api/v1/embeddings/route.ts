export { POST } from "@/app/v1/embeddings/route";
