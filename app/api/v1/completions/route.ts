export { POST, GET, HEAD, PUT, PATCH, DELETE, OPTIONS } from "@/app/v1/completions/route";
