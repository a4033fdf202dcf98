import { createRoot } from "react-dom/client";
import "react-data-grid/lib/styles.css";
import { RdgApp } from "./rdg-app";

createRoot(document.getElementById("root")!).render(<RdgApp />);
