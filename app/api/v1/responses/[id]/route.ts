export { GET, DELETE, POST, PUT, PATCH, OPTIONS } from "@/app/v1/responses/[id]/route";
