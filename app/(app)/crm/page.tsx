import { redirect } from "next/navigation";

export default function CrmIndexPage() {
  redirect("/crm/contacts");
}
