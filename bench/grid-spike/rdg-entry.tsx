import { createRoot } from "react-dom/client";
import "react-data-grid/lib/styles.css";
import { RdgApp } from "./rdg-app";
import { makeRows, ROW_COUNT } from "./data";

// `?rows=100000` sizes the grid (bench/grid-frames.ts); 10,000 rows by default.
const rows = Number(new URLSearchParams(location.search).get("rows") ?? ROW_COUNT);
createRoot(document.getElementById("root")!).render(<RdgApp initialRows={makeRows(rows)} />);
