import { createRoot } from "react-dom/client";
import { RevoApp } from "./revo-app";

createRoot(document.getElementById("root")!).render(<RevoApp />);
