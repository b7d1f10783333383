export { POST, GET, HEAD, PUT, PATCH, DELETE, OPTIONS } from "@/app/v1/responses/route";
