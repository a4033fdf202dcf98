import { UploadHistory } from "@/components/uploads/upload-history";
import { Uploader } from "@/components/uploads/uploader";
import { requireSession } from "@/lib/auth/session";
import { uploadsPageData } from "@/lib/uploads/page-data";

export const dynamic = "force-dynamic";

export default async function UploadsPage() {
  const { uploads } = await uploadsPageData(await requireSession());
  return (
    <div className="mx-auto flex w-full max-w-6xl flex-col gap-6 p-4">
      <h1 className="text-xl font-semibold">Uploads</h1>
      <Uploader />
      <section aria-labelledby="history-heading" className="flex flex-col gap-2">
        <h2 id="history-heading" className="text-lg font-semibold">
          Upload history
        </h2>
        <UploadHistory uploads={uploads} />
      </section>
    </div>
  );
}
