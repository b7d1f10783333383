export { GET, POST, PUT, PATCH, DELETE, OPTIONS } from "@/app/v1/models/[id]/route";
