// React-only baseline, used to subtract React's own weight from the grid bundle sizes.
import { createRoot } from "react-dom/client";

createRoot(document.getElementById("root")!).render(<div>baseline</div>);
