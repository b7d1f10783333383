export { GET } from "@/app/v1/models/route";
