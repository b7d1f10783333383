export { POST } from "@/app/v1/chat/completions/route";
